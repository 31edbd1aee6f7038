import LakeColumnar

/// The binder's implicit conversions: the common type of two operands, and arithmetic result types.
///
/// Numeric promotion goes integer → decimal → float: integers widen to the wider integer (signed and unsigned mix
/// to the next signed width, 64 bits to `decimal(20,0)`), an integer meets a decimal as the decimal of its digits,
/// and a float with any number gives float64 (float32 with float32 stays float32). Dates meet timestamps as
/// timestamps.
///
/// Spec: spec/sql.md §8.2.
enum SQLTypeRules {
    /// The common type of two operands: `DataType.commonSupertype`, the lattice the executor shares.
    static func commonType(_ lhs: DataType, _ rhs: DataType) -> DataType? { DataType.commonSupertype(lhs, rhs) }

    /// Operand type and result type of `lhs op rhs` for numeric operands, or nil when either is not numeric.
    ///
    /// Floats give float64. A decimal gives a decimal: `+ -` keep the larger scale with one more integer digit,
    /// `*` adds precisions and scales, `%` keeps the larger scale; `/` with a decimal gives float64. Integers give
    /// int64, except `/`, which gives float64 as in DuckDB (`1 / 2` is 0.5). Precision is capped at 38.
    static func arithmetic(_ op: BinaryOperator, _ lhs: DataType, _ rhs: DataType) -> (
        leftOperand: DataType, rightOperand: DataType, result: DataType
    )? {
        guard lhs.isSQLNumeric, rhs.isSQLNumeric else { return nil }
        if lhs.isSQLFloat || rhs.isSQLFloat || op == .divide { return (.float64, .float64, .float64) }
        if lhs.isSQLDecimal || rhs.isSQLDecimal, let left = lhs.decimalShape, let right = rhs.decimalShape {
            let maximum = DataType.decimalPrecisionMax
            let leftType = DataType.decimal(precision: left.precision, scale: left.scale)
            let rightType = DataType.decimal(precision: right.precision, scale: right.scale)
            switch op {
            case .multiply:
                let scale = min(left.scale + right.scale, maximum)
                return (
                    leftType, rightType,
                    .decimal(precision: min(maximum, left.precision + right.precision), scale: scale)
                )
            default:
                let scale = max(left.scale, right.scale)
                let digits =
                    max(left.precision - left.scale, right.precision - right.scale) + scale + (op == .modulo ? 0 : 1)
                let common = DataType.decimal(precision: min(maximum, digits), scale: scale)
                return (common, common, common)
            }
        }
        return (.int64, .int64, .int64)
    }

    /// Whether a value of type `source` may be stored in a column of type `target` without an explicit CAST
    /// (INSERT, UPDATE, MERGE): numbers into numbers (checked at run time for range), dates into timestamps, and
    /// types with a common type; text never turns into numbers or dates implicitly.
    static func canAssign(_ source: DataType, to target: DataType) -> Bool {
        if source == target || (source.isSQLNumeric && target.isSQLNumeric) { return true }
        if source == .date32 && target.isSQLTimestamp { return true }
        guard let common = commonType(source, target) else { return false }
        return common == target
    }

    /// Whether `CAST(x AS target)` is allowed for a value of type `source`.
    static func canCast(_ source: DataType, to target: DataType) -> Bool {
        if source == target || source == .utf8 || target == .utf8 { return true }
        if source.isNested || target.isNested { return false }
        if source.isSQLNumeric && target.isSQLNumeric { return true }
        if (source == .bool && target.isSQLNumeric) || (source.isSQLNumeric && target == .bool) { return true }
        if source.isSQLTemporal && target.isSQLTemporal { return !(source == .date32 && target.isTime) }
        if (source == .binary || source.isFixedSizeBinary) && target == .binary { return true }
        return false
    }
}

extension DataType {
    fileprivate var isTime: Bool {
        if case .time = self { return true }
        return false
    }

    fileprivate var isFixedSizeBinary: Bool {
        if case .fixedSizeBinary = self { return true }
        return false
    }
}
