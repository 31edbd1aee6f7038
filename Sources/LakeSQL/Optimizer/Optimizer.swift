/// Runs the rules over a bound plan in a fixed order: fold constants, push predicates down (into scans, through
/// projections, aggregates' keys and joins), split join conditions into equi keys, prune columns.
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
        rules.reduce(plan) { $1.apply($0) }
    }

    /// The statement with every plan inside it optimized.
    public func optimize(_ statement: BoundStatement) -> BoundStatement {
        switch statement {
        case .query(let plan): return .query(optimize(plan))
        case .explain(let inner): return .explain(optimize(inner))
        case .createTableAs(var command):
            command.query = optimize(command.query)
            return .createTableAs(command)
        case .insertInto(var command):
            command.query = optimize(command.query)
            return .insertInto(command)
        case .merge(var command):
            command.source = optimize(command.source)
            return .merge(command)
        default: return statement
        }
    }
}
