import LakeColumnar

/// `abs`, `ceil`, `floor` and `round` over every numeric type, keeping the argument's type.
///
/// Integers and decimals are computed exactly on unscaled Int128 values (integers have scale 0) and checked
/// against the result type; floats in Double (float32 rounds back). Spec: spec/executor.md (functions)
enum MathKernel {
    static func absolute(_ column: Column) throws(ExecutionError) -> Column {
        let type = column.type
        if type.isFloatingPoint {
            return Column.fromFloat64(
                try column.float64Values().map { Swift.abs($0) }, type: type, validity: column.validity)
        }
        guard type.isInteger || type.isDecimal else { throw .typeMismatch("abs does not take \(type)") }
        if type.isUnsignedInteger { return column }
        let values = try column.int128Values().map { $0 < 0 ? -$0 : $0 }
        return try Column.fromInt128(values, type: type, validity: column.validity, operation: "abs")
    }

    /// Rounds to `digits` decimal places (nil: 0) by `rule`: `.up` is ceil, `.down` floor, and
    /// `.toNearestOrAwayFromZero` round. Integers with digits >= 0 are unchanged.
    static func round(_ column: Column, digits: Column?, rule: FloatingPointRoundingRule) throws(ExecutionError)
        -> Column
    {
        let type = column.type
        let validity = Bitmap.intersection(column.validity, digits?.validity)
        let places = try digits?.int64Values()
        let name = rule == .up ? "ceil" : rule == .down ? "floor" : "round"
        if type.isFloatingPoint {
            let values = try column.float64Values()
            var result = [Double](repeating: 0, count: values.count)
            for row in 0..<values.count where validity?[row] ?? true {
                result[row] = roundDouble(values[row], digits: places?[row] ?? 0, rule: rule)
            }
            return Column.fromFloat64(result, type: type, validity: validity)
        }
        guard type.isInteger || type.isDecimal, let scale = type.decimalShape?.scale else {
            throw .typeMismatch("\(name) does not take \(type)")
        }
        if type.isUnsignedInteger && places == nil { return column }
        let values = try column.int128Values()
        var result = [Int128](repeating: 0, count: values.count)
        for row in 0..<values.count where validity?[row] ?? true {
            // Digits to drop below the decimal point's position `digits`: scale - digits.
            let (dropped, overflow) = Int64(scale).subtractingReportingOverflow(places?[row] ?? 0)
            guard !overflow else {
                result[row] = 0
                continue
            }
            if dropped <= 0 {
                result[row] = values[row]
            } else if dropped > 38 {
                // Only round takes digits: every value of at most 38 digits is below half of such a place.
                result[row] = 0
            } else {
                let unit = DecimalMath.powerOfTen(Int(dropped))
                guard let quotient = divide(values[row], by: unit, rule: rule) else {
                    throw .arithmeticOverflow(operation: name)
                }
                let (scaled, productOverflow) = quotient.multipliedReportingOverflow(by: unit)
                guard !productOverflow else {
                    throw .arithmeticOverflow(operation: "\(name) (result does not fit \(type))")
                }
                result[row] = scaled
            }
        }
        return try Column.fromInt128(result, type: type, validity: validity, operation: name)
    }

    /// `value / unit` rounded by `rule` (unit > 0).
    private static func divide(_ value: Int128, by unit: Int128, rule: FloatingPointRoundingRule) -> Int128? {
        switch rule {
        case .up:
            let quotient = value / unit
            return value % unit > 0 ? quotient + 1 : quotient
        case .down:
            let quotient = value / unit
            return value % unit < 0 ? quotient - 1 : quotient
        default:
            return DecimalMath.divideRounded(value, by: unit)
        }
    }

    private static func roundDouble(_ value: Double, digits: Int64, rule: FloatingPointRoundingRule) -> Double {
        guard value.isFinite else { return value }
        if digits == 0 { return value.rounded(rule) }
        // Beyond these every finite double is a multiple of the place (digits > 330) or below half of it.
        if digits > 330 { return value }
        if digits < -308 { return value < 0 ? -0.0 : 0 }
        let factor = DecimalMath.powerOfTenDouble(Int(Swift.abs(digits)))
        if digits > 0 {
            let scaled = value * factor
            guard scaled.isFinite else { return value }
            return scaled.rounded(rule) / factor
        }
        return (value / factor).rounded(rule) * factor
    }
}
