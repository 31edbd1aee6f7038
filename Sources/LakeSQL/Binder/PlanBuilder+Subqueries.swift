import LakeColumnar

extension PlanBuilder {
    /// Binds a subquery used as a value (scalar, `IN`, `EXISTS`) to its own plan. CTEs of the enclosing queries
    /// are visible; their columns are not: a reference to one is `unsupported("correlated subquery")`, located at
    /// the reference.
    mutating func bindSubquery(_ query: Query, _ context: ExpressionContext) throws(SQLError) -> LogicalPlan {
        outerScopes.append(context.scope)
        defer { outerScopes.removeLast() }
        return try bindQuery(query).plan
    }

    /// A subquery whose single column is the value: scalar subqueries and the right side of `IN`.
    mutating func bindValueSubquery(_ query: Query, at expression: Expression, _ context: ExpressionContext)
        throws(SQLError) -> LogicalPlan
    {
        let plan = try bindSubquery(query, context)
        let width = plan.schema.fields.count
        guard width == 1 else {
            throw Self.error(
                .columnCountMismatch(expected: 1, found: width, context: "a subquery used as a value"), at: expression)
        }
        return plan
    }

    /// `x [NOT] IN (SELECT ...)`: the operand and the subquery's column converted to their common type, the
    /// column by a projection over the subquery's plan.
    mutating func bindInSubquery(
        _ operandExpression: Expression, _ query: Query, negated: Bool, at expression: Expression,
        _ context: ExpressionContext
    ) throws(SQLError) -> BoundExpression {
        let operand = try bindExpression(operandExpression, context)
        var plan = try bindValueSubquery(query, at: expression, context)
        let field = plan.schema.fields[0]
        let column = BoundExpression.column(0, field.type)
        let type = try commonType(of: [operand, column], at: expression, what: "IN")
        if field.type != type {
            plan = .project(plan, [ProjectionItem(coerce(column, to: type), name: field.name)])
        }
        return BoundExpression(.inSubquery(coerce(operand, to: type), plan, negated: negated), type: .bool)
    }
}
