import LakeColumnar

/// An output column: an expression and the name it gets.
public struct NamedExpression: Sendable, Hashable {
    public var expression: Expression
    public var name: String

    public init(_ expression: Expression, as name: String) {
        self.expression = expression
        self.name = name
    }

    /// A column passed through under its own name.
    public static func column(_ name: String) -> NamedExpression { NamedExpression(.column(name), as: name) }
}

/// Computes one output column per expression. Morsel-parallel; order preserved.
public final class ProjectOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private var stream: OrderedMorselStream

    public init(_ child: any PhysicalOperator, expressions: [NamedExpression], context: ExecutionContext)
        throws(ExecutionError)
    {
        var bound: [BoundExpression] = []
        var fields: [Field] = []
        for named in expressions {
            let expression = try named.expression.bound(to: child.schema)
            bound.append(expression)
            if case .column(let index) = expression.node {
                let field = child.schema.fields[index]
                fields.append(Field(named.name, field.type, nullable: field.isNullable))
            } else {
                fields.append(Field(named.name, expression.type))
            }
        }
        let schema = Schema(fields)
        self.schema = schema
        children = [child]
        label =
            "Project "
            + expressions.map { "\(ExpressionText.render($0.expression)) AS \($0.name)" }.joined(separator: ", ")
        let expressions = bound
        stream = OrderedMorselStream(parallelism: context.options.parallelism) { batch throws(ExecutionError) in
            if expressions.isEmpty { return Batch(rowCount: batch.rowCount) }
            var columns: [Column] = []
            for expression in expressions { columns.append(try expression.evaluate(batch)) }
            return Batch(schema: schema, columns: columns)
        }
    }

    public func next() throws(ExecutionError) -> Batch? {
        try stream.next(from: children[0])
    }
}
