import LakeColumnar

extension BoundStatement {
    /// The statement with every query plan it holds rewritten by `plan` and every expression outside those plans
    /// (command predicates, assignments, merge keys, conditions and values) by `expression`. EXPLAIN maps the
    /// statement it explains.
    public func mappingPlansAndExpressions(
        plan transformPlan: (LogicalPlan) throws -> LogicalPlan,
        expression transformExpression: (BoundExpression) throws -> BoundExpression
    ) rethrows -> BoundStatement {
        func assignments(_ list: [ColumnAssignment]) throws -> [ColumnAssignment] {
            try list.map { ColumnAssignment(column: $0.column, value: try transformExpression($0.value)) }
        }
        switch self {
        case .query(let plan):
            return .query(try transformPlan(plan))
        case .explain(let inner):
            return .explain(
                try inner.mappingPlansAndExpressions(plan: transformPlan, expression: transformExpression))
        case .optimize(var command):
            command.partitionFilter = try command.partitionFilter.map(transformExpression)
            return .optimize(command)
        case .createTableAs(var command):
            command.query = try transformPlan(command.query)
            return .createTableAs(command)
        case .insertInto(var command):
            command.query = try transformPlan(command.query)
            return .insertInto(command)
        case .deleteFrom(var command):
            command.predicate = try command.predicate.map(transformExpression)
            return .deleteFrom(command)
        case .update(var command):
            command.assignments = try assignments(command.assignments)
            command.predicate = try command.predicate.map(transformExpression)
            return .update(command)
        case .merge(var command):
            command.source = try transformPlan(command.source)
            command.keys = try command.keys.map {
                EquiJoinKey(left: try transformExpression($0.left), right: try transformExpression($0.right))
            }
            command.residual = try command.residual.map(transformExpression)
            command.clauses = try command.clauses.map { clause in
                var copy = clause
                copy.condition = try clause.condition.map(transformExpression)
                switch clause.action {
                case .update(let list): copy.action = .update(try assignments(list))
                case .delete: break
                case .insert(let values): copy.action = .insert(try values.map(transformExpression))
                }
                return copy
            }
            return .merge(command)
        case .describe, .describeHistory, .vacuum, .restore, .showTables:
            return self
        }
    }

    /// The statement with the plan of every subquery used as a value replaced by `transform`'s answer, in its
    /// query plans and in its commands' expressions.
    public func mappingSubqueryPlans(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> BoundStatement {
        try mappingPlansAndExpressions(
            plan: { try $0.mappingSubqueryPlans(transform) }, expression: { try $0.mappingSubqueryPlans(transform) })
    }

    /// The statement with every subquery used as a value replaced by its result (see
    /// `BoundExpression.replacingSubqueries`), in its query plans and in its commands' expressions.
    ///
    /// - Throws: what `evaluate` throws; `SubqueryError.moreThanOneRow`.
    ///
    /// Spec: spec/sql.md §8.2.
    public func replacingSubqueries(_ evaluate: (LogicalPlan) throws -> [Value]) throws -> BoundStatement {
        try mappingPlansAndExpressions(
            plan: { try $0.replacingSubqueries(evaluate) }, expression: { try $0.replacingSubqueries(evaluate) })
    }
}
