/// PostgreSQL's binary `numeric` format: base-10000 digits with a weight, a sign and a display scale.
///
/// Layout (big-endian int16 each): `ndigits`, `weight`, `sign` (0x0000 positive, 0x4000 negative, 0xC000 NaN),
/// `dscale`, then `ndigits` digits in 0...9999. The value is sum(digit[i] * 10000^(weight - i)); `dscale` is the
/// number of decimal digits after the point the value displays with.
///
/// Spec: spec/warehouse.md §2.1; PostgreSQL src/backend/utils/adt/numeric.c (numeric_send / numeric_recv).
enum PostgresNumeric {
    static let positive: UInt16 = 0x0000
    static let negative: UInt16 = 0x4000
    static let notANumber: UInt16 = 0xC000
    /// Largest scale `numeric_recv` accepts in `dscale`.
    static let displayScaleMax = 0x3FFF

    /// Appends the binary form of `unscaled * 10^-scale` to `output`.
    /// - Precondition: `0...38` contains `scale` (decimal scales are at most the precision, 38).
    static func append(unscaled: Int128, scale: Int, to output: inout [UInt8]) {
        precondition(scale >= 0 && scale <= 38, "decimal scale outside 0...38")
        let isNegative = unscaled < 0
        var magnitude = unscaled.magnitude
        var power: UInt128 = 1
        for _ in 0..<scale { power *= 10 }
        var fraction = magnitude % power
        magnitude /= power
        // Fractional groups, least significant first: the last group holds the low `scale % 4` digits shifted
        // left so that every group covers four decimal places after the point.
        var fractionGroups: [UInt16] = []
        var fractionDigits = scale
        if scale % 4 != 0 {
            let partial = scale % 4
            var partialPower: UInt128 = 1
            for _ in 0..<partial { partialPower *= 10 }
            var shift: UInt128 = 1
            for _ in 0..<(4 - partial) { shift *= 10 }
            fractionGroups.append(UInt16(fraction % partialPower * shift))
            fraction /= partialPower
            fractionDigits -= partial
        }
        while fractionDigits > 0 {
            fractionGroups.append(UInt16(fraction % 10_000))
            fraction /= 10_000
            fractionDigits -= 4
        }
        var integerGroups: [UInt16] = []
        while magnitude > 0 {
            integerGroups.append(UInt16(magnitude % 10_000))
            magnitude /= 10_000
        }
        var digits = Array(integerGroups.reversed()) + Array(fractionGroups.reversed())
        var weight = integerGroups.count - 1
        var leading = 0
        while leading < digits.count && digits[leading] == 0 { leading += 1 }
        weight -= leading
        digits.removeFirst(leading)
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { weight = 0 }
        appendInt16(UInt16(digits.count), to: &output)
        appendInt16(UInt16(bitPattern: Int16(weight)), to: &output)
        appendInt16(digits.isEmpty || !isNegative ? positive : negative, to: &output)
        appendInt16(UInt16(scale), to: &output)
        for digit in digits { appendInt16(digit, to: &output) }
    }

    private static func appendInt16(_ value: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(value >> 8))
        output.append(UInt8(value & 0xFF))
    }

    /// The unscaled value at `scale` of a binary numeric, or nil when it is NaN, has digits below `scale`, does not
    /// fit in 128 bits, or is malformed.
    static func unscaled(_ bytes: UnsafeRawBufferPointer, scale: Int) -> Int128? {
        guard bytes.count >= 8 else { return nil }
        func int16(_ offset: Int) -> Int {
            Int(Int16(bitPattern: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])))
        }
        let count = int16(0)
        let weight = int16(2)
        let sign = UInt16(bitPattern: Int16(int16(4)))
        guard count >= 0, bytes.count == 8 + 2 * count, sign == positive || sign == negative else { return nil }
        var result: Int128 = 0
        // Walk the base-10000 positions from the most significant digit down to the one holding 10^-scale; that
        // last position contributes only its top `4 - extra` decimal digits (the rest must be zero).
        let lowestPosition = -((scale + 3) / 4)
        let extra = 4 * -lowestPosition - scale
        var extraPower = 1
        for _ in 0..<extra { extraPower *= 10 }
        func digit(at position: Int) -> Int? {
            let index = weight - position
            guard index >= 0 && index < count else { return 0 }
            let value = int16(8 + 2 * index)
            return value >= 0 && value < 10_000 ? value : nil
        }
        for position in stride(from: max(weight, lowestPosition), through: lowestPosition, by: -1) {
            guard let value = digit(at: position) else { return nil }
            let isLowest = position == lowestPosition
            if isLowest && value % extraPower != 0 { return nil }
            let (shifted, overflow) = result.multipliedReportingOverflow(
                by: Int128(isLowest ? 10_000 / extraPower : 10_000))
            guard !overflow else { return nil }
            let (sum, sumOverflow) = shifted.addingReportingOverflow(Int128(isLowest ? value / extraPower : value))
            guard !sumOverflow else { return nil }
            result = sum
        }
        // Digits below the lowest position would be lost.
        for index in 0..<count where weight - index < lowestPosition && int16(8 + 2 * index) != 0 { return nil }
        return sign == negative ? -result : result
    }
}
