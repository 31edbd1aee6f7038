import LakeColumnar

extension LogicalPlan {
    /// The plan as indented text, one node per line, inputs indented two spaces under their node:
    ///
    ///     Project [symbol#1 AS symbol, (price#2 * 2) AS double_price]
    ///       Filter (price#2 > 0)
    ///         Scan silver.fact@3 columns=[id, symbol, price]
    ///
    /// Columns appear as `name#ordinal` of the node's input. Subqueries used as values appear in expressions as
    /// `$1`, `$2`, ... (numbered over the whole text); the plan of each is printed under the first node using it,
    /// before that node's inputs, headed `Subquery $n`:
    ///
    ///     Filter (day#1 < $1)
    ///       Subquery $1
    ///         Aggregate keys=[] aggregates=[max(day#0) AS max(day)]
    ///           Scan silver.fact@3 columns=[day]
    ///       Scan silver.fact@3 columns=[id, day]
    ///
    /// The text is stable: tests compare it exactly.
    public var explain: String {
        var lines: [String] = []
        var labels = SubqueryLabels()
        appendExplain(to: &lines, depth: 0, labels: &labels)
        return lines.joined(separator: "\n")
    }

    private func appendExplain(to lines: inout [String], depth: Int, labels: inout SubqueryLabels) {
        let known = labels.plans.count
        lines.append(String(repeating: "  ", count: depth) + explainLine(labels: &labels))
        let introduced = labels.plans[known...]
        for (offset, subquery) in introduced.enumerated() {
            lines.append(String(repeating: "  ", count: depth + 1) + "Subquery $\(known + offset + 1)")
            subquery.appendExplain(to: &lines, depth: depth + 2, labels: &labels)
        }
        for input in inputs { input.appendExplain(to: &lines, depth: depth + 1, labels: &labels) }
    }

    /// This node's line, without its inputs; subqueries are labelled `$1`, `$2`, ... in order of appearance.
    public var explainLine: String {
        var labels = SubqueryLabels()
        return explainLine(labels: &labels)
    }

    /// This node's line, with subqueries labelled by `labels`.
    func explainLine(labels: inout SubqueryLabels) -> String {
        func text(_ expression: BoundExpression, _ schema: Schema) -> String {
            expression.text(in: schema, labels: &labels)
        }
        func list(_ expressions: [BoundExpression], _ schema: Schema) -> String {
            expressions.map { text($0, schema) }.joined(separator: ", ")
        }
        func named(_ items: [ProjectionItem], _ schema: Schema) -> String {
            items.map { "\(text($0.expression, schema)) AS \($0.name)" }.joined(separator: ", ")
        }
        switch self {
        case .scan(let table, let tableSchema, let columns, let filters):
            var line = "Scan \(table) columns=[\(columns.map { tableSchema.fields[$0].name }.joined(separator: ", "))]"
            if !filters.isEmpty { line += " filters=[\(list(filters, tableSchema))]" }
            return line
        case .filter(let input, let predicate):
            return "Filter \(text(predicate, input.schema))"
        case .project(let input, let items):
            return "Project [\(named(items, input.schema))]"
        case .aggregate(let input, let keys, let aggregates):
            let schema = input.schema
            let aggregateText = aggregates.map { Self.text(of: $0, in: schema, labels: &labels) }
            return "Aggregate keys=[\(named(keys, schema))] aggregates=[\(aggregateText.joined(separator: ", "))]"
        case .join(let kind, let left, let right, let keys, let residual):
            let leftSchema = left.schema
            let rightSchema = right.schema
            var line = "Join \(Self.name(of: kind))"
            if !keys.isEmpty {
                let keyText = keys.map { "\(text($0.left, leftSchema)) = \(text($0.right, rightSchema))" }
                line += " keys=[\(keyText.joined(separator: ", "))]"
            }
            if let residual {
                line += " residual=\(text(residual, Schema(leftSchema.fields + rightSchema.fields)))"
            }
            return line
        case .sort(let input, let keys):
            let schema = input.schema
            return "Sort [\(keys.map { Self.text(of: $0, in: schema, labels: &labels) }.joined(separator: ", "))]"
        case .limit(_, let count, let offset):
            var line = "Limit"
            if let count { line += " count=\(count)" }
            if offset != 0 { line += " offset=\(offset)" }
            return line
        case .distinct(let input, let keys):
            guard !keys.isEmpty else { return "Distinct" }
            return "Distinct on=[\(list(keys, input.schema))]"
        case .union(_, _, let isAll):
            return isAll ? "Union all" : "Union distinct"
        case .window(let input, let calls):
            let schema = input.schema
            return "Window [\(calls.map { Self.text(of: $0, in: schema, labels: &labels) }.joined(separator: ", "))]"
        case .values(let rows, let schema):
            let rowText = rows.map { "(\(list($0, Schema([]))))" }
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

    static func text(of key: SortKey, in schema: Schema, labels: inout SubqueryLabels) -> String {
        let direction = key.isDescending ? "DESC" : "ASC"
        let nulls = key.nullsFirst ? "FIRST" : "LAST"
        return "\(key.expression.text(in: schema, labels: &labels)) \(direction) NULLS \(nulls)"
    }

    static func text(of call: AggregateCall, in schema: Schema, labels: inout SubqueryLabels) -> String {
        var result = call.function + "("
        if call.isDistinct { result += "DISTINCT " }
        let arguments = call.arguments.map { $0.text(in: schema, labels: &labels) }
        result += arguments.isEmpty ? "*" : arguments.joined(separator: ", ")
        result += ")"
        if let filter = call.filter { result += " FILTER (WHERE \(filter.text(in: schema, labels: &labels)))" }
        return result + " AS \(call.name)"
    }

    static func text(of call: WindowCall, in schema: Schema, labels: inout SubqueryLabels) -> String {
        var result = call.function + "("
        if call.isDistinct { result += "DISTINCT " }
        result += call.arguments.map { $0.text(in: schema, labels: &labels) }.joined(separator: ", ") + ")"
        if let filter = call.filter { result += " FILTER (WHERE \(filter.text(in: schema, labels: &labels)))" }
        var over: [String] = []
        if !call.partitionBy.isEmpty {
            let partitions = call.partitionBy.map { $0.text(in: schema, labels: &labels) }
            over.append("PARTITION BY " + partitions.joined(separator: ", "))
        }
        if !call.orderBy.isEmpty {
            let keys = call.orderBy.map { text(of: $0, in: schema, labels: &labels) }
            over.append("ORDER BY " + keys.joined(separator: ", "))
        }
        if let frame = call.frame {
            let start = text(of: frame.start, in: schema, labels: &labels)
            let end = text(of: frame.end, in: schema, labels: &labels)
            over.append("\(frame.unit.rawValue) BETWEEN \(start) AND \(end)")
        }
        return result + " OVER (\(over.joined(separator: " "))) AS \(call.name)"
    }

    static func text(of bound: WindowCall.FrameBound, in schema: Schema, labels: inout SubqueryLabels) -> String {
        switch bound {
        case .unboundedPreceding: "UNBOUNDED PRECEDING"
        case .preceding(let offset): "\(offset.text(in: schema, labels: &labels)) PRECEDING"
        case .precedingInterval(let interval): "INTERVAL '\(interval)' PRECEDING"
        case .currentRow: "CURRENT ROW"
        case .following(let offset): "\(offset.text(in: schema, labels: &labels)) FOLLOWING"
        case .followingInterval(let interval): "INTERVAL '\(interval)' FOLLOWING"
        case .unboundedFollowing: "UNBOUNDED FOLLOWING"
        }
    }
}
