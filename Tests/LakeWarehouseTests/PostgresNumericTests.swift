import LakeCore
import Testing

@testable import LakeWarehouse

@Suite struct PostgresNumericTests {
    /// (unscaled, scale, ndigits, weight, sign, dscale, digits) as numeric_send would write them.
    static let cases: [(Int128, Int, Int16, Int16, UInt16, Int16, [Int16])] = [
        (0, 0, 0, 0, 0x0000, 0, []),
        (0, 3, 0, 0, 0x0000, 3, []),
        (12_345_678, 3, 3, 1, 0x0000, 3, [1, 2345, 6780]),
        (-1, 2, 1, -1, 0x4000, 2, [100]),
        (10_000, 0, 1, 1, 0x0000, 0, [1]),
        (123_456_789_012, 0, 3, 2, 0x0000, 0, [1234, 5678, 9012]),
        (5, 5, 1, -2, 0x0000, 5, [5000]),
    ]

    @Test(arguments: 0..<cases.count)
    func encodesBaseTenThousandDigitsWithWeightSignAndScale(index: Int) {
        let (unscaled, scale, count, weight, sign, displayScale, digits) = Self.cases[index]
        var bytes: [UInt8] = []
        PostgresNumeric.append(unscaled: unscaled, scale: scale, to: &bytes)
        var expected: [UInt8] = []
        for word in [UInt16(bitPattern: count), UInt16(bitPattern: weight), sign, UInt16(bitPattern: displayScale)]
            + digits.map({ UInt16(bitPattern: $0) })
        {
            expected += [UInt8(word >> 8), UInt8(word & 0xFF)]
        }
        #expect(bytes == expected)
        #expect(bytes.withUnsafeBytes { PostgresNumeric.unscaled($0, scale: scale) } == unscaled)
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 9, 17, 37, 38])
    func randomDecimalsRoundTripAtEveryScale(scale: Int) {
        var rng = SeededGenerator(seed: 0x5EED_0000 + UInt64(scale))
        let bound = Int128(10).power(38) - 1
        for _ in 0..<2_000 {
            let digits = Int.random(in: 1...38, using: &rng)
            let limit = Int128(10).power(digits) - 1
            let value = Int128.random(in: -min(limit, bound)...min(limit, bound), using: &rng)
            var bytes: [UInt8] = []
            PostgresNumeric.append(unscaled: value, scale: scale, to: &bytes)
            let decoded = bytes.withUnsafeBytes { PostgresNumeric.unscaled($0, scale: scale) }
            #expect(decoded == value, "value \(value) scale \(scale)")
        }
    }

    @Test func digitsBelowTheScaleOrNaNDoNotDecode() {
        var bytes: [UInt8] = []
        PostgresNumeric.append(unscaled: 12_345, scale: 4, to: &bytes)  // 1.2345
        #expect(bytes.withUnsafeBytes { PostgresNumeric.unscaled($0, scale: 2) } == nil)
        let notANumber: [UInt8] = [0, 0, 0, 0, 0xC0, 0, 0, 0]
        #expect(notANumber.withUnsafeBytes { PostgresNumeric.unscaled($0, scale: 0) } == nil)
        let truncated: [UInt8] = [0, 2, 0, 0, 0, 0, 0, 0, 0, 1]
        #expect(truncated.withUnsafeBytes { PostgresNumeric.unscaled($0, scale: 0) } == nil)
    }
}

extension Int128 {
    fileprivate func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= self }
        return result
    }
}
