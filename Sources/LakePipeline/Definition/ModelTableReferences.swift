import LakeSQL

/// The tables a model query reads: every table name in FROM and JOIN clauses, in subqueries and in CTEs, except
/// names that refer to a CTE in scope. Paths (`FROM 'file.parquet'`) and table functions are reported
/// separately, because a model may only read declared inputs.
///
/// Spec: spec/pipeline.md#models
public struct ModelTableReferences: Sendable {
    /// Each referenced table name with the location of its first mention, in order of first mention.
    public private(set) var tables: [(name: ObjectName, location: SourceLocation)] = []
    /// Where a path or table function is read, which models may not do.
    public private(set) var unsupportedSources: [(text: String, location: SourceLocation)] = []

    public init(_ query: Query) {
        visit(query, scope: [])
    }

    private mutating func visit(_ query: Query, scope outer: Set<String>) {
        var scope = outer
        if query.isRecursive {
            for cte in query.commonTableExpressions { scope.insert(cte.name.value.lowercased()) }
        }
        for cte in query.commonTableExpressions {
            visit(cte.query, scope: scope)
            scope.insert(cte.name.value.lowercased())
        }
        visit(query.body, scope: scope)
        for item in query.orderBy { visit(item.expression, scope: scope) }
        if let limit = query.limit { visit(limit, scope: scope) }
        if let offset = query.offset { visit(offset, scope: scope) }
    }

    private mutating func visit(_ body: QueryBody, scope: Set<String>) {
        switch body {
        case .select(let select):
            for reference in select.from { visit(reference, scope: scope) }
            for item in select.items {
                if case .expression(let expression, _) = item { visit(expression, scope: scope) }
            }
            for expression in select.distinctOn + select.groupBy { visit(expression, scope: scope) }
            for expression in [select.filter, select.having, select.qualify].compactMap({ $0 }) {
                visit(expression, scope: scope)
            }
        case .values(let rows):
            for row in rows { for expression in row { visit(expression, scope: scope) } }
        case .setOperation(let operation):
            visit(operation.left, scope: scope)
            visit(operation.right, scope: scope)
        case .parenthesized(let query):
            visit(query, scope: scope)
        }
    }

    private mutating func visit(_ reference: TableReference, scope: Set<String>) {
        switch reference {
        case .table(.name(let name), _, _):
            if name.parts.count == 1, scope.contains(name.name.value.lowercased()) { return }
            if !tables.contains(where: { $0.name == name }) { tables.append((name, name.location)) }
        case .table(.path(let path), _, _):
            unsupportedSources.append(("'\(path)'", .start))
        case .derived(let query, _):
            visit(query, scope: scope)
        case .function(let name, let arguments, _):
            unsupportedSources.append(("\(name)(...)", name.location))
            for argument in arguments { visit(argument, scope: scope) }
        case .join(let join):
            visit(join.left, scope: scope)
            visit(join.right, scope: scope)
            if case .on(let condition)? = join.condition { visit(condition, scope: scope) }
        }
    }

    private mutating func visit(_ expression: Expression, scope: Set<String>) {
        switch expression.kind {
        case .literal, .column:
            break
        case .unary(_, let operand), .isNull(let operand, _), .cast(let operand, _), .tryCast(let operand, _),
            .extract(_, let operand):
            visit(operand, scope: scope)
        case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _):
            visit(left, scope: scope)
            visit(right, scope: scope)
        case .inList(let operand, let list, _):
            visit(operand, scope: scope)
            for item in list { visit(item, scope: scope) }
        case .inSubquery(let operand, let query, _):
            visit(operand, scope: scope)
            visit(query, scope: scope)
        case .between(let operand, let low, let high, _):
            for item in [operand, low, high] { visit(item, scope: scope) }
        case .like(let operand, let pattern, _, _):
            visit(operand, scope: scope)
            visit(pattern, scope: scope)
        case .caseWhen(let caseExpression):
            if let operand = caseExpression.operand { visit(operand, scope: scope) }
            for branch in caseExpression.branches {
                visit(branch.when, scope: scope)
                visit(branch.then, scope: scope)
            }
            if let elseResult = caseExpression.elseResult { visit(elseResult, scope: scope) }
        case .function(let call):
            if case .list(let arguments) = call.arguments {
                for argument in arguments { visit(argument, scope: scope) }
            }
            if let filter = call.filter { visit(filter, scope: scope) }
            if let window = call.window {
                for item in window.partitionBy { visit(item, scope: scope) }
                for item in window.orderBy { visit(item.expression, scope: scope) }
            }
        case .subquery(let query), .exists(let query):
            visit(query, scope: scope)
        }
    }
}
