/// Runs the rules over a bound plan in a fixed order: fold constants, push predicates down (into scans, through
/// projections, aggregates' keys and joins), split join conditions into equi keys, prune columns. The plans of
/// subqueries used as values are optimized first, each as a plan of its own.
///
/// Spec: spec/sql.md §8.6.
public struct Optimizer: Sendable {
    public var rules: [any OptimizerRule]

    public init(rules: [any OptimizerRule] = Optimizer.defaultRules) {
        self.rules = rules
    }

    public static let defaultRules: [any OptimizerRule] = [
        ConstantFolding(), PredicatePushdown(), JoinConditionSplitting(), ProjectionPruning(),
    ]

    public func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        let withSubqueriesOptimized = plan.containsSubquery ? plan.mappingSubqueryPlans(optimize) : plan
        return rules.reduce(withSubqueriesOptimized) { $1.apply($0) }
    }

    /// The statement with every plan inside it optimized, the plans of subqueries in command expressions
    /// (`DELETE ... WHERE id IN (SELECT ...)`) included.
    public func optimize(_ statement: BoundStatement) -> BoundStatement {
        statement.mappingPlansAndExpressions(plan: optimize, expression: { $0.mappingSubqueryPlans(optimize) })
    }
}
