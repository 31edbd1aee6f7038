/// One rewrite of a logical plan that keeps its results: same rows (as a multiset, or in order where the plan
/// orders them) and the same output columns.
///
/// Spec: spec/sql.md §8.6.
public protocol OptimizerRule: Sendable {
    /// A short name for plan traces: `constant folding`.
    var name: String { get }
    func apply(_ plan: LogicalPlan) -> LogicalPlan
}
