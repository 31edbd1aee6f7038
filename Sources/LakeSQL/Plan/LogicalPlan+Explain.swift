import LakeColumnar

extension LogicalPlan {
    /// The plan as indented text, one node per line, inputs indented two spaces under their node:
    ///
    ///     Project [symbol#1 AS symbol, (price#2 * 2) AS double_price]
    ///       Filter (price#2 > 0)
    ///         Scan silver.fact@3 columns=[id, symbol, price]
    ///
    /// Columns appear as `name#ordinal` of the node's input. The text is stable: tests compare it exactly.
    public var explain: String {
        var lines: [String] = []
        appendExplain(to: &lines, depth: 0)
        return lines.joined(separator: "\n")
    }

    private func appendExplain(to lines: inout [String], depth: Int) {
        lines.append(String(repeating: "  ", count: depth) + explainLine)
        for input in inputs { input.appendExplain(to: &lines, depth: depth + 1) }
    }

    /// This node's line, without its inputs.
    public var explainLine: String {
        switch self {
        case .scan(let table, let tableSchema, let columns, let filters):
            var line = "Scan \(table) columns=[\(columns.map { tableSchema.fields[$0].name }.joined(separator: ", "))]"
            if !filters.isEmpty {
                line += " filters=[\(filters.map { $0.text(in: tableSchema) }.joined(separator: ", "))]"
            }
            return line
        case .filter(let input, let predicate):
            return "Filter \(predicate.text(in: input.schema))"
        case .project(let input, let items):
            let schema = input.schema
            return
                "Project [\(items.map { "\($0.expression.text(in: schema)) AS \($0.name)" }.joined(separator: ", "))]"
        case .aggregate(let input, let keys, let aggregates):
            let schema = input.schema
            let keyText = keys.map { "\($0.expression.text(in: schema)) AS \($0.name)" }.joined(separator: ", ")
            let aggregateText = aggregates.map { Self.text(of: $0, in: schema) }.joined(separator: ", ")
            return "Aggregate keys=[\(keyText)] aggregates=[\(aggregateText)]"
        case .join(let kind, let left, let right, let keys, let residual):
            let leftSchema = left.schema
            let rightSchema = right.schema
            var line = "Join \(Self.name(of: kind))"
            if !keys.isEmpty {
                let keyText = keys.map { "\($0.left.text(in: leftSchema)) = \($0.right.text(in: rightSchema))" }
                line += " keys=[\(keyText.joined(separator: ", "))]"
            }
            if let residual {
                line += " residual=\(residual.text(in: Schema(leftSchema.fields + rightSchema.fields)))"
            }
            return line
        case .sort(let input, let keys):
            return "Sort [\(keys.map { Self.text(of: $0, in: input.schema) }.joined(separator: ", "))]"
        case .limit(_, let count, let offset):
            var line = "Limit"
            if let count { line += " count=\(count)" }
            if offset != 0 { line += " offset=\(offset)" }
            return line
        case .distinct(let input, let keys):
            guard !keys.isEmpty else { return "Distinct" }
            let schema = input.schema
            return "Distinct on=[\(keys.map { $0.text(in: schema) }.joined(separator: ", "))]"
        case .union(_, _, let isAll):
            return isAll ? "Union all" : "Union distinct"
        case .window(let input, let calls):
            let schema = input.schema
            return "Window [\(calls.map { Self.text(of: $0, in: schema) }.joined(separator: ", "))]"
        case .values(let rows, let schema):
            let rowText = rows.map { "(\($0.map { $0.text(in: Schema([])) }.joined(separator: ", ")))" }
            return "Values [\(schema.fields.map(\.name).joined(separator: ", "))] \(rowText.joined(separator: ", "))"
        }
    }

    static func name(of kind: Join.Kind) -> String {
        switch kind {
        case .inner: "inner"
        case .left: "left"
        case .right: "right"
        case .full: "full"
        case .cross: "cross"
        case .semi: "semi"
        case .anti: "anti"
        }
    }

    static func text(of key: SortKey, in schema: Schema) -> String {
        let direction = key.isDescending ? "DESC" : "ASC"
        return "\(key.expression.text(in: schema)) \(direction) NULLS \(key.nullsFirst ? "FIRST" : "LAST")"
    }

    static func text(of call: AggregateCall, in schema: Schema) -> String {
        var result = call.function + "("
        if call.isDistinct { result += "DISTINCT " }
        result += call.arguments.isEmpty ? "*" : call.arguments.map { $0.text(in: schema) }.joined(separator: ", ")
        result += ")"
        if let filter = call.filter { result += " FILTER (WHERE \(filter.text(in: schema)))" }
        return result + " AS \(call.name)"
    }

    static func text(of call: WindowCall, in schema: Schema) -> String {
        var result = call.function + "("
        if call.isDistinct { result += "DISTINCT " }
        result += call.arguments.map { $0.text(in: schema) }.joined(separator: ", ") + ")"
        if let filter = call.filter { result += " FILTER (WHERE \(filter.text(in: schema)))" }
        var over: [String] = []
        if !call.partitionBy.isEmpty {
            over.append("PARTITION BY " + call.partitionBy.map { $0.text(in: schema) }.joined(separator: ", "))
        }
        if !call.orderBy.isEmpty {
            over.append("ORDER BY " + call.orderBy.map { text(of: $0, in: schema) }.joined(separator: ", "))
        }
        if let frame = call.frame {
            let start = text(of: frame.start, in: schema)
            over.append("\(frame.unit.rawValue) BETWEEN \(start) AND \(text(of: frame.end, in: schema))")
        }
        return result + " OVER (\(over.joined(separator: " "))) AS \(call.name)"
    }

    static func text(of bound: WindowCall.FrameBound, in schema: Schema) -> String {
        switch bound {
        case .unboundedPreceding: "UNBOUNDED PRECEDING"
        case .preceding(let offset): "\(offset.text(in: schema)) PRECEDING"
        case .precedingInterval(let interval): "INTERVAL '\(interval)' PRECEDING"
        case .currentRow: "CURRENT ROW"
        case .following(let offset): "\(offset.text(in: schema)) FOLLOWING"
        case .followingInterval(let interval): "INTERVAL '\(interval)' FOLLOWING"
        case .unboundedFollowing: "UNBOUNDED FOLLOWING"
        }
    }
}
