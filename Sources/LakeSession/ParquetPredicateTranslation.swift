import LakeColumnar
import LakeParquet
import LakeSQL

/// Turns bound predicates into `ParquetPredicate`s: comparisons of a column with a constant of the column's own
/// type.
///
/// - `conjunction` is exact (for LakeTable's DELETE and OPTIMIZE): a row satisfies the result exactly when the
///   predicate is TRUE for it (a NULL column satisfies no comparison in both). Float and double columns are left
///   out, because NaN orders differently (incomparable in `ParquetPredicate`, greatest in the executor); so are
///   casts on the column, NULL constants and every other expression. Callers fall back to the executor.
/// - `pruning` is a superset (for scans): every comparison conjunct it can translate, floats included, to skip
///   files, row groups and pages; the exact filter runs above the scan.
///
/// Spec: spec/session.md (lowering, commands)
enum ParquetPredicateTranslation {
    /// The conjunction equal to `predicate` over the columns of `schema`, or nil when it has another shape.
    static func conjunction(_ predicate: BoundExpression, schema: Schema) -> [ParquetPredicate]? {
        var result: [ParquetPredicate] = []
        for conjunct in predicate.conjuncts {
            guard let translated = comparison(conjunct, schema: schema) else { return nil }
            result.append(translated)
        }
        return result
    }

    /// The translatable conjuncts of `predicate` (BETWEEN as two comparisons), for pruning only.
    static func pruning(_ predicate: BoundExpression, schema: Schema) -> [ParquetPredicate] {
        predicate.conjuncts.flatMap { conjunct -> [ParquetPredicate] in
            if case .between(let operand, let low, let high, negated: false) = conjunct.kind {
                return [
                    BoundExpression(.binary(.greaterOrEqual, operand, low), type: .bool),
                    BoundExpression(.binary(.lessOrEqual, operand, high), type: .bool),
                ].compactMap { comparison($0, schema: schema, exactOnly: false) }
            }
            return comparison(conjunct, schema: schema, exactOnly: false).map { [$0] } ?? []
        }
    }

    private static func comparison(_ expression: BoundExpression, schema: Schema, exactOnly: Bool = true)
        -> ParquetPredicate?
    {
        guard case .binary(let op, let left, let right) = expression.kind,
            var comparison = self.comparison(op)
        else {
            return nil
        }
        var column = left
        var constant = right
        if case .literal = left.kind, case .column = right.kind {
            column = right
            constant = left
            comparison = mirrored(comparison)
        }
        guard case .column(let index) = column.kind, schema.fields.indices.contains(index),
            case .literal(let value) = constant.kind, value != .null
        else { return nil }
        let field = schema.fields[index]
        guard field.type == column.type, constant.type == field.type,
            !exactOnly || isExactlyComparable(field.type)
        else {
            return nil
        }
        return ParquetPredicate(field.name, comparison, value)
    }

    private static func comparison(_ op: BinaryOperator) -> ParquetPredicate.Comparison? {
        switch op {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: nil
        }
    }

    /// `constant op column` as `column op' constant`.
    private static func mirrored(_ comparison: ParquetPredicate.Comparison)
        -> ParquetPredicate.Comparison
    {
        switch comparison {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .equal, .notEqual: comparison
        }
    }

    /// Types whose `ParquetPredicate` order is the executor's order.
    private static func isExactlyComparable(_ type: DataType) -> Bool {
        switch type {
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .decimal, .utf8,
            .date32,
            .timestamp:
            true
        default:
            false
        }
    }
}
