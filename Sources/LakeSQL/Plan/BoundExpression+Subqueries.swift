import LakeColumnar

extension BoundExpression {
    /// The expression with every subquery used as a value replaced by what it evaluates to, for running plans
    /// that the executor can lower: a scalar subquery becomes a literal (NULL without rows), `x IN (SELECT ...)` an
    /// `inList` of literals (duplicates dropped, order of first appearance kept; `false`, or `true` for NOT IN,
    /// without rows), and `EXISTS` a boolean literal.
    ///
    /// `evaluate` runs a plan and returns its first column's values, one per row, in the representation of
    /// `Kind.literal` (dates as days, timestamps as counts of their unit, decimals unscaled). The plans it gets
    /// hold no subqueries (nested ones are replaced first). A scalar subquery's plan is passed under `LIMIT 2`:
    /// two rows are enough to know that there are too many.
    ///
    /// - Throws: what `evaluate` throws; `SubqueryError.moreThanOneRow` when a scalar subquery returns more than
    ///   one row.
    /// - Complexity: one `evaluate` call per subquery occurrence.
    ///
    /// Spec: spec/sql.md §8.2.
    public func replacingSubqueries(_ evaluate: (LogicalPlan) throws -> [Value]) throws -> BoundExpression {
        guard containsSubquery else { return self }
        return try rewritten { node in
            switch node.kind {
            case .scalarSubquery(let plan):
                let values = try evaluate(.limit(plan.replacingSubqueries(evaluate), count: 2, offset: 0))
                guard values.count <= 1 else { throw SubqueryError.moreThanOneRow }
                return .literal(values.first ?? .null, node.type)
            case .inSubquery(let operand, let plan, let negated):
                let values = try evaluate(plan.replacingSubqueries(evaluate))
                guard !values.isEmpty else { return .literal(.bool(negated), .bool) }
                var seen = Set<Value>()
                let items = values.filter { seen.insert($0).inserted }.map { BoundExpression.literal($0, operand.type) }
                return BoundExpression(.inList(operand, items, negated: negated), type: .bool)
            case .exists(let plan, let negated):
                let values = try evaluate(plan.replacingSubqueries(evaluate))
                return .literal(.bool(values.isEmpty == negated), .bool)
            default:
                return nil
            }
        }
    }
}

extension LogicalPlan {
    /// The plan with every subquery used as a value, in every expression of every node (scan filters, predicates,
    /// projections, group keys, aggregate and window arguments, join keys and residuals, sort keys, VALUES rows),
    /// replaced as `BoundExpression.replacingSubqueries` does. The session calls it before lowering a plan; run
    /// `ConstantFolding` afterwards to drop the filters that became `TRUE`.
    ///
    /// - Throws: what `evaluate` throws; `SubqueryError.moreThanOneRow`.
    ///
    /// Spec: spec/sql.md §8.2.
    public func replacingSubqueries(_ evaluate: (LogicalPlan) throws -> [Value]) throws -> LogicalPlan {
        guard containsSubquery else { return self }
        return try transformedUp { node in try node.mappingExpressions { try $0.replacingSubqueries(evaluate) } }
    }
}
