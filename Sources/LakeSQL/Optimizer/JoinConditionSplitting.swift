/// Moves `left = right` conjuncts of join residuals into equi keys (see `EquiJoinKeyExtraction`); an inner or
/// cross join left with keys becomes an inner hash join.
///
/// Spec: spec/sql.md §8.6.
public struct JoinConditionSplitting: OptimizerRule {
    public var name: String { "join condition splitting" }

    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.transformedUp { node in
            guard case .join(let kind, let left, let right, let keys, let residual?) = node else { return node }
            let (newKeys, rest) = EquiJoinKeyExtraction.split(residual, leftWidth: left.schema.fields.count)
            guard !newKeys.isEmpty else { return node }
            let newKind: Join.Kind = kind == .cross ? .inner : kind
            return .join(newKind, left, right, equiKeys: keys + newKeys, residual: rest)
        }
    }
}
