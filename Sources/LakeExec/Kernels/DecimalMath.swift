/// Checked fixed-point helpers for decimals stored as unscaled Int128 values.
enum DecimalMath {
    /// 10^0 ... 10^38.
    static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    static func powerOfTen(_ exponent: Int) -> Int128 {
        precondition(exponent >= 0 && exponent <= 38, "decimal scale out of range")
        return powersOfTen[exponent]
    }

    static func powerOfTenDouble(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// Whether `value` has at most `precision` digits.
    @inline(__always) static func fits(_ value: Int128, precision: Int) -> Bool {
        let bound = powersOfTen[min(38, precision)]
        return value < bound && value > -bound
    }

    /// `value` (at scale `from`) at scale `to`: multiplied exactly, or divided rounding half away from zero.
    /// Nil on Int128 overflow.
    @inline(__always) static func rescale(_ value: Int128, from: Int, to: Int) -> Int128? {
        if to == from { return value }
        if to > from {
            let (product, overflow) = value.multipliedReportingOverflow(by: powersOfTen[to - from])
            return overflow ? nil : product
        }
        return divideRounded(value, by: powersOfTen[from - to])
    }

    /// `numerator / denominator` rounded half away from zero. - Precondition: denominator != 0.
    @inline(__always) static func divideRounded(_ numerator: Int128, by denominator: Int128) -> Int128? {
        let (quotient, overflow) = numerator.dividedReportingOverflow(by: denominator)
        if overflow { return nil }
        let remainder = numerator - quotient * denominator
        let absRemainder = remainder.magnitude
        let absDenominator = denominator.magnitude
        guard absRemainder >= absDenominator - absRemainder, remainder != 0 else { return quotient }
        return (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient + 1
    }
}
