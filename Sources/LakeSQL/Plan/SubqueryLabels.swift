/// The labels EXPLAIN gives subqueries used as values: `$1`, `$2`, ... in order of first appearance, one per
/// distinct plan (a predicate copied into both sides of a UNION keeps its label).
///
/// Spec: spec/sql.md §8.3.
struct SubqueryLabels {
    private var numbers: [LogicalPlan: Int] = [:]
    /// The labelled plans, `$1` first.
    private(set) var plans: [LogicalPlan] = []

    /// `$n` for `plan`, numbering it when it is new.
    mutating func label(of plan: LogicalPlan) -> String {
        if let number = numbers[plan] { return "$\(number)" }
        plans.append(plan)
        numbers[plan] = plans.count
        return "$\(plans.count)"
    }
}
