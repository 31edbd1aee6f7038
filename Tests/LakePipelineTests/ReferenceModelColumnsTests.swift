import LakeColumnar
import LakeCore
import LakeHTTP
import LakePipeline
import LakeSQL
import Testing

/// The bronze models of the reference pipeline name only columns that the flattener produces from the recorded
/// API payloads (`Fixtures/api/`).
@Suite struct ReferenceModelColumnsTests {
    @Test func bronzeModelsReadOnlyColumnsTheFlattenerProduces() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let runner = ExtractionRunner(
            store: scratch.store, transport: try APIFixtures.replay(),
            sources: [
                APISource.coinMarketCap(baseURL: "http://replay.invalid", keyVariable: nil),
                APISource.coinGecko(baseURL: "http://replay.invalid/api/v3", keyVariable: nil),
            ],
            endpoints: APIFixtures.endpoints, environment: [:], clock: .fixed(runStartMillis))
        let report = try runner.run()
        #expect(report.failures.isEmpty, "\(report.failures)")
        let definition = try ReferencePipelineFixture.definition()
        var checked = 0
        for model in definition.models where model.inputs.allSatisfy({ $0.layer == .bronze }) {
            #expect(model.inputs.count == 1, "\(model.name)")
            let endpoint = model.inputs[0].name
            let path = try #require(try BronzeSnapshots.latest(endpoint: endpoint, store: scratch.store))
            guard case .bronze(let file) = path else { continue }
            let bronze = try BronzeTable(store: scratch.store, path: file)
            let available = Set(bronze.schema.fields.map(\.name))
            var columns = ColumnNames()
            columns.visit(model.query)
            #expect(!columns.names.isEmpty)
            for name in columns.names {
                #expect(available.contains(name), "model \(model.name): bronze.\(endpoint) has no column \(name)")
            }
            checked += 1
        }
        #expect(checked == 13)
    }
}

/// Every column name a query mentions (last part, lower-cased). Models over one bronze table mention no other
/// names, so each must be a bronze column.
private struct ColumnNames {
    var names: Set<String> = []

    mutating func visit(_ query: Query) {
        guard case .select(let select) = query.body else { return }
        for item in select.items { if case .expression(let expression, _) = item { visit(expression) } }
        for expression in [select.filter, select.qualify, select.having].compactMap({ $0 }) + select.groupBy {
            visit(expression)
        }
    }

    mutating func visit(_ expression: Expression) {
        switch expression.kind {
        case .literal: break
        case .column(let name): names.insert(name.name.value.lowercased())
        case .unary(_, let operand), .isNull(let operand, _), .cast(let operand, _), .tryCast(let operand, _),
            .extract(_, let operand):
            visit(operand)
        case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _):
            visit(left)
            visit(right)
        case .inList(let operand, let list, _):
            visit(operand)
            for item in list { visit(item) }
        case .between(let operand, let low, let high, _):
            for item in [operand, low, high] { visit(item) }
        case .like(let operand, let pattern, _, _):
            visit(operand)
            visit(pattern)
        case .caseWhen(let caseExpression):
            for item in [caseExpression.operand, caseExpression.elseResult].compactMap({ $0 }) { visit(item) }
            for branch in caseExpression.branches {
                visit(branch.when)
                visit(branch.then)
            }
        case .function(let call):
            if case .list(let arguments) = call.arguments { for argument in arguments { visit(argument) } }
            for item in (call.window?.partitionBy ?? []) + (call.window?.orderBy.map(\.expression) ?? []) {
                visit(item)
            }
        case .inSubquery(let operand, let query, _):
            visit(operand)
            visit(query)
        case .subquery(let query), .exists(let query):
            visit(query)
        }
    }
}
