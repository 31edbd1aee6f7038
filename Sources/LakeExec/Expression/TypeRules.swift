import LakeColumnar

/// The implicit conversions of the executor: common supertypes for comparisons and conditionals, and the
/// operand and result types of arithmetic.
///
/// Spec: spec/executor.md (type rules)
enum TypeRules {
    /// The narrowest type both `lhs` and `rhs` convert to without loss (int64 vs float64 gives float64), or nil:
    /// the lattice LakeSQL's binder uses too.
    static func commonType(_ lhs: DataType, _ rhs: DataType) -> DataType? { DataType.commonSupertype(lhs, rhs) }

    /// The common type of several expressions, skipping null literals (int64 when all are null literals).
    static func commonType(of expressions: [BoundExpression], context: String) throws(ExecutionError) -> DataType {
        var result: DataType? = nil
        for expression in expressions where !expression.isNullLiteral {
            guard let current = result else {
                result = expression.type
                continue
            }
            guard let common = commonType(current, expression.type) else {
                throw .typeMismatch("\(context) mixes \(current) and \(expression.type)")
            }
            result = common
        }
        return result ?? .int64
    }

    /// Result type of `lhs op rhs` for numeric operands: float64 when either is floating point or for `/` of two
    /// integers (DuckDB's rule), a decimal when either is decimal (SQL Server's precision/scale rules capped at 38
    /// digits), else int64. `//` takes integers only and gives int64.
    static func arithmeticType(_ op: ArithmeticOperator, _ lhs: DataType, _ rhs: DataType) throws(ExecutionError)
        -> DataType
    {
        guard lhs.isNumeric && rhs.isNumeric else {
            throw .typeMismatch("\(lhs) \(op.rawValue) \(rhs) needs numeric operands")
        }
        if op == .integerDivide {
            guard lhs.isInteger && rhs.isInteger else {
                throw .typeMismatch("\(lhs) // \(rhs) needs integer operands")
            }
            return .int64
        }
        if lhs.isFloatingPoint || rhs.isFloatingPoint { return .float64 }
        if op == .divide && lhs.isInteger && rhs.isInteger { return .float64 }
        guard lhs.isDecimal || rhs.isDecimal, let left = lhs.decimalShape, let right = rhs.decimalShape else {
            return .int64
        }
        let maxPrecision = DataType.decimalPrecisionMax
        switch op {
        case .add, .subtract:
            let scale = max(left.scale, right.scale)
            let digits = max(left.precision - left.scale, right.precision - right.scale) + scale + 1
            return .decimal(precision: min(maxPrecision, digits), scale: scale)
        case .multiply:
            let scale = left.scale + right.scale
            guard scale <= maxPrecision else {
                throw .typeMismatch("decimal product scale \(scale) exceeds \(maxPrecision)")
            }
            return .decimal(precision: min(maxPrecision, left.precision + right.precision), scale: scale)
        case .divide:
            let scale = min(maxPrecision, max(6, left.scale))
            return .decimal(precision: maxPrecision, scale: scale)
        case .remainder, .integerDivide:
            let scale = max(left.scale, right.scale)
            let digits = max(left.precision - left.scale, right.precision - right.scale) + scale
            return .decimal(precision: min(maxPrecision, digits), scale: scale)
        }
    }

    /// The operand type arithmetic evaluates `type` as (int64, float64, or the decimal itself).
    static func arithmeticOperandType(_ type: DataType, result: DataType) -> DataType {
        if result == .float64 { return .float64 }
        if result.isDecimal { return type.isDecimal ? type : .decimal(precision: type.integerDigits, scale: 0) }
        return .int64
    }

    /// The type of a literal without an explicit type.
    static func literalType(_ value: Value) -> DataType {
        switch value {
        case .bool: .bool
        case .int: .int64
        case .uint: .uint64
        case .float32: .float32
        case .float64: .float64
        case .decimal: .decimal(precision: DataType.decimalPrecisionMax, scale: 0)
        case .string: .utf8
        case .bytes: .binary
        default: .int64
        }
    }
}
