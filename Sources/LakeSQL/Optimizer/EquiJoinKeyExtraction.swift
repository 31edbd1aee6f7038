/// Splits a join condition into equality keys and a residual: a conjunct `l = r` whose sides read only the left
/// and only the right input (in either order) becomes a key, so the join can hash instead of comparing all pairs.
///
/// Spec: spec/sql.md §8.6.
public enum EquiJoinKeyExtraction {
    /// `condition` is over the left columns (`0..<leftWidth`) then the right ones. Keys are returned over each
    /// input's own columns; the residual keeps the other conjuncts, over the combined columns.
    public static func split(_ condition: BoundExpression, leftWidth: Int) -> (
        keys: [EquiJoinKey], residual: BoundExpression?
    ) {
        var keys: [EquiJoinKey] = []
        var rest: [BoundExpression] = []
        for conjunct in condition.conjuncts {
            guard case .binary(.equal, let a, let b) = conjunct.kind else {
                rest.append(conjunct)
                continue
            }
            let aSide = side(of: a, leftWidth: leftWidth)
            let bSide = side(of: b, leftWidth: leftWidth)
            switch (aSide, bSide) {
            case (.left, .right):
                keys.append(EquiJoinKey(left: a, right: b.mappingColumns { $0 - leftWidth }))
            case (.right, .left):
                keys.append(EquiJoinKey(left: b, right: a.mappingColumns { $0 - leftWidth }))
            default:
                rest.append(conjunct)
            }
        }
        return (keys, BoundExpression.conjunction(rest))
    }

    private enum Side { case left, right, both, neither }

    private static func side(of expression: BoundExpression, leftWidth: Int) -> Side {
        let columns = expression.referencedColumns
        if columns.isEmpty { return .neither }
        if columns.allSatisfy({ $0 < leftWidth }) { return .left }
        if columns.allSatisfy({ $0 >= leftWidth }) { return .right }
        return .both
    }
}
