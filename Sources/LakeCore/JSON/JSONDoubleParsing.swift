/// Correctly rounded conversion of a JSON number literal to `Double`.
///
/// Clinger's fast path covers the common literals: when at most 19 significant digits form a mantissa up to
/// 2^53 and the decimal exponent is within ±22, both the mantissa and the power of ten are exact doubles, so one
/// IEEE multiplication or division rounds correctly. Everything else goes through the standard library's parser
/// (correctly rounded too), which is slower but rare in log data.
///
/// Spec: W. D. Clinger, "How to Read Floating Point Numbers Accurately" (PLDI 1990).
enum JSONDoubleParsing {
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The double nearest to `text`, which must match the JSON number grammar (the parser checked it).
    /// Returns infinity when the magnitude overflows; nil only if the standard library rejects the text.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let count = text.count
        let negative = count > 0 && text[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var isExact = true
        func take(_ digit: UInt64, isFraction: Bool) {
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ digit
                if mantissa != 0 { significantDigits += 1 }
                if isFraction { exponent -= 1 }
            } else {
                if !isFraction { exponent += 1 }
                if digit != 0 { isExact = false }
            }
        }
        while index < count, let digit = digit(text[index]) {
            take(digit, isFraction: false)
            index += 1
        }
        if index < count && text[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, let digit = digit(text[index]) {
                take(digit, isFraction: true)
                index += 1
            }
        }
        if index < count && text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count && (text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-")) {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < count, let digit = digit(text[index]) {
                if written < 1_000_000 { written = written * 10 + Int(digit) }  // saturates far outside any range
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if isExact && mantissa <= 1 << 53 && (-22...22).contains(exponent) {
            let magnitude = Double(mantissa)
            let value =
                exponent >= 0 ? magnitude * exactPowersOfTen[exponent] : magnitude / exactPowersOfTen[-exponent]
            return negative ? -value : value
        }
        return Double(String(decoding: text, as: UTF8.self))
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> UInt64? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? UInt64(value) : nil
    }
}
