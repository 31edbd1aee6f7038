import LakeColumnar

/// A lazy query: a tree of relational steps over named sources, turned into physical operators by `PlanExecutor`.
///
/// The plan is data: building one does no work and reads no input. Spec: spec/executor.md (DataFrame API)
public indirect enum LogicalPlan: Sendable {
    /// A leaf: `makeSource` is called once per execution, so a plan can run more than once.
    case scan(name: String, schema: Schema, makeSource: @Sendable () -> any BatchSource)
    case filter(LogicalPlan, Expression)
    case project(LogicalPlan, [NamedExpression])
    case aggregate(LogicalPlan, groupBy: [NamedExpression], aggregates: [AggregateExpression])
    case sort(LogicalPlan, [SortKey])
    case limit(LogicalPlan, limit: Int?, offset: Int)
    case distinct(LogicalPlan)
    case unionAll([LogicalPlan])
    case join(LogicalPlan, LogicalPlan, on: [JoinKey], type: JoinType, residual: Expression?)
    case window(LogicalPlan, [WindowExpression])
}

/// One equality of a join: a left expression and a right expression.
public struct JoinKey: Sendable, Hashable {
    public var left: Expression
    public var right: Expression

    public init(_ left: Expression, _ right: Expression) {
        self.left = left
        self.right = right
    }
}

extension LogicalPlan {
    /// The plan as an indented tree, one step per line (what `DataFrame.explain()` prints).
    public var treeText: String {
        var lines: [String] = []
        func visit(_ plan: LogicalPlan, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            switch plan {
            case .scan(let name, let schema, _):
                lines.append("\(indent)Scan \(name) [\(schema.fields.map(\.name).joined(separator: ", "))]")
            case .filter(let input, let predicate):
                lines.append("\(indent)Filter \(ExpressionText.render(predicate))")
                visit(input, depth: depth + 1)
            case .project(let input, let expressions):
                let items = expressions.map { named -> String in
                    let text = ExpressionText.render(named.expression)
                    return text == named.name ? text : "\(text) AS \(named.name)"
                }
                lines.append("\(indent)Project \(items.joined(separator: ", "))")
                visit(input, depth: depth + 1)
            case .aggregate(let input, let groupBy, let aggregates):
                let keys = groupBy.map { ExpressionText.render($0.expression) }.joined(separator: ", ")
                lines.append("\(indent)Aggregate [\(keys)] \(aggregates.map(\.text).joined(separator: ", "))")
                visit(input, depth: depth + 1)
            case .sort(let input, let keys):
                lines.append("\(indent)Sort \(keys.map(\.text).joined(separator: ", "))")
                visit(input, depth: depth + 1)
            case .limit(let input, let limit, let offset):
                lines.append("\(indent)Limit \(limit.map(String.init) ?? "all") offset \(offset)")
                visit(input, depth: depth + 1)
            case .distinct(let input):
                lines.append("\(indent)Distinct")
                visit(input, depth: depth + 1)
            case .unionAll(let inputs):
                lines.append("\(indent)UnionAll")
                for input in inputs { visit(input, depth: depth + 1) }
            case .join(let left, let right, let keys, let type, let residual):
                let on = keys.map { "\(ExpressionText.render($0.left)) = \(ExpressionText.render($0.right))" }
                let condition = residual.map { " filter \(ExpressionText.render($0))" } ?? ""
                lines.append("\(indent)Join \(type.rawValue) on \(on.joined(separator: " AND "))\(condition)")
                visit(left, depth: depth + 1)
                visit(right, depth: depth + 1)
            case .window(let input, let windows):
                lines.append("\(indent)Window \(windows.map(\.text).joined(separator: ", "))")
                visit(input, depth: depth + 1)
            }
        }
        visit(self, depth: 0)
        return lines.joined(separator: "\n")
    }
}
