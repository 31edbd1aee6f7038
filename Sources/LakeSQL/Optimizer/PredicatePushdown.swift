/// Moves filter conjuncts as close to the scans as they stay correct: through projections (substituting the
/// projected expressions), sorts, full DISTINCT and UNION ALL/UNION (into both sides); through aggregates when
/// they read only group keys; into the inputs of joins (both sides of inner and cross joins; only the
/// preserved side's predicates from above and the other side's ON conjuncts for outer, semi and anti joins);
/// through windows when they read only columns every window call partitions by (whole partitions are kept or
/// dropped); and finally into scans as pushed filters over the table's columns. What cannot move stays in a filter.
///
/// Spec: spec/sql.md §8.6.
public struct PredicatePushdown: OptimizerRule {
    public var name: String { "predicate pushdown" }

    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        push(plan, [])
    }

    /// `plan` with `predicates` (over its output) applied as low as possible.
    private func push(_ plan: LogicalPlan, _ predicates: [BoundExpression]) -> LogicalPlan {
        switch plan {
        case .filter(let input, let predicate):
            return push(input, predicates + predicate.conjuncts)
        case .scan(let table, let schema, let columns, let filters):
            var pushed = filters
            for predicate in predicates {
                let mapped = predicate.mappingColumns { columns[$0] }
                if !pushed.contains(mapped) { pushed.append(mapped) }
            }
            return .scan(table: table, tableSchema: schema, columns: columns, filters: pushed)
        case .project(let input, let items):
            let substituted = predicates.map { predicate in
                predicate.rewritten { node in
                    if case .column(let index) = node.kind { return items[index].expression }
                    return nil
                }
            }
            return .project(push(input, substituted), items)
        case .sort(let input, let keys):
            return .sort(push(input, predicates), keys)
        case .distinct(let input, let keys) where keys.isEmpty:
            return .distinct(push(input, predicates), on: keys)
        case .union(let left, let right, let isAll):
            return .union(push(left, predicates), push(right, predicates), isAll: isAll)
        case .aggregate(let input, let keys, let aggregates):
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                // A predicate without columns (HAVING FALSE) stays: below a keyless aggregate it would still leave
                // the one row an aggregate of no rows returns.
                let columns = predicate.referencedColumns
                if !columns.isEmpty, columns.allSatisfy({ $0 < keys.count }) {
                    below.append(
                        predicate.rewritten { node in
                            if case .column(let index) = node.kind { return keys[index].expression }
                            return nil
                        })
                } else {
                    above.append(predicate)
                }
            }
            return LogicalPlan.aggregate(push(input, below), groupKeys: keys, aggregates: aggregates).filtering(above)
        case .join(let kind, let left, let right, let keys, let residual):
            return pushIntoJoin(kind, left, right, keys, residual, predicates)
        case .window(let input, let calls):
            // A predicate reading only columns every call partitions by keeps or drops whole partitions, so the
            // calls compute the same values for the rows that remain.
            let partitionColumns = calls.map { call in
                Set(
                    call.partitionBy.compactMap { key -> Int? in
                        if case .column(let index) = key.kind { return index }
                        return nil
                    })
            }
            let shared = partitionColumns.dropFirst().reduce(partitionColumns.first ?? []) { $0.intersection($1) }
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                let columns = predicate.referencedColumns
                if !columns.isEmpty, columns.isSubset(of: shared) {
                    below.append(predicate)
                } else {
                    above.append(predicate)
                }
            }
            return LogicalPlan.window(push(input, below), calls).filtering(above)
        case .limit, .values, .distinct:
            return plan.replacingInputs(plan.inputs.map { push($0, []) }).filtering(predicates)
        }
    }

    private func pushIntoJoin(
        _ kind: Join.Kind, _ left: LogicalPlan, _ right: LogicalPlan, _ keys: [EquiJoinKey],
        _ residual: BoundExpression?, _ predicates: [BoundExpression]
    ) -> LogicalPlan {
        let leftWidth = left.schema.fields.count
        var toLeft: [BoundExpression] = []
        var toRight: [BoundExpression] = []
        var kept: [BoundExpression] = []
        var above: [BoundExpression] = []
        let conditionConjuncts = residual?.conjuncts ?? []
        func side(_ predicate: BoundExpression) -> (left: Bool, right: Bool) {
            let columns = predicate.referencedColumns
            return (columns.allSatisfy { $0 < leftWidth }, columns.allSatisfy { $0 >= leftWidth })
        }
        switch kind {
        case .inner, .cross:
            for predicate in predicates + conditionConjuncts {
                let (onlyLeft, onlyRight) = side(predicate)
                if onlyLeft {
                    toLeft.append(predicate)
                } else if onlyRight {
                    toRight.append(predicate)
                } else {
                    kept.append(predicate)
                }
            }
        case .left, .semi, .anti:
            for predicate in predicates {
                side(predicate).left ? toLeft.append(predicate) : above.append(predicate)
            }
            for conjunct in conditionConjuncts {
                let (onlyLeft, onlyRight) = side(conjunct)
                if onlyRight && !onlyLeft { toRight.append(conjunct) } else { kept.append(conjunct) }
            }
        case .right:
            for predicate in predicates {
                let (onlyLeft, onlyRight) = side(predicate)
                onlyRight && !onlyLeft ? toRight.append(predicate) : above.append(predicate)
            }
            for conjunct in conditionConjuncts {
                let (onlyLeft, onlyRight) = side(conjunct)
                if onlyLeft && !onlyRight { toLeft.append(conjunct) } else { kept.append(conjunct) }
            }
        case .full:
            above = predicates
            kept = conditionConjuncts
        }
        let newKind: Join.Kind = kind == .cross && !kept.isEmpty ? .inner : kind
        let joined = LogicalPlan.join(
            newKind, push(left, toLeft), push(right, toRight.map { $0.mappingColumns { $0 - leftWidth } }),
            equiKeys: keys, residual: BoundExpression.conjunction(kept))
        return joined.filtering(above)
    }
}

extension LogicalPlan {
    /// The plan under a filter of `predicates`' conjunction, or unchanged when there are none.
    func filtering(_ predicates: [BoundExpression]) -> LogicalPlan {
        guard let predicate = BoundExpression.conjunction(predicates) else { return self }
        return .filter(self, predicate: predicate)
    }

}
