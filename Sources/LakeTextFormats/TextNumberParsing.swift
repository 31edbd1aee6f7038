/// Parsers for numbers written as text, working on UTF-8 bytes without building a `String` on the common paths.
///
/// Grammar accepted (no surrounding whitespace, ASCII only):
/// - integers: `[+-]?[0-9]+` (unsigned: `[+]?[0-9]+`), leading zeros allowed, range-checked;
/// - floats: `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`, plus `nan`, `inf`, `infinity` with an optional
///   sign, in any letter case. A literal whose magnitude overflows the type (`1e400`) is rejected rather than
///   turned into infinity; underflow rounds to zero or a subnormal as IEEE 754 prescribes.
/// - decimals: `[+-]?[0-9]*(\.[0-9]*)?` with at least one digit, no exponent.
enum TextNumberParsing {
    private static let asciiZero = UInt8(ascii: "0")

    @inline(__always)
    static func digit(_ byte: UInt8) -> UInt64? {
        let value = byte &- asciiZero
        return value < 10 ? UInt64(value) : nil
    }

    /// The magnitude of `[0-9]+` at `bytes[from...]`, or nil when empty, not all digits, or above `UInt64.max`.
    @inline(__always)
    private static func parseMagnitude(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> UInt64? {
        guard start < end else { return nil }
        var magnitude: UInt64 = 0
        var index = start
        if end - start <= 19 {  // 19 digits cannot overflow UInt64
            while index < end {
                guard let d = digit(p[index]) else { return nil }
                magnitude = magnitude &* 10 &+ d
                index += 1
            }
            return magnitude
        }
        while index < end {
            guard let d = digit(p[index]) else { return nil }
            let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(d)
            guard !overflowA && !overflowB else { return nil }
            magnitude = sum
            index += 1
        }
        return magnitude
    }

    static func parseInt64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var start = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") {
            negative = true
            start = 1
        } else if p[0] == UInt8(ascii: "+") {
            start = 1
        }
        guard let magnitude = parseMagnitude(p, from: start, to: bytes.count) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func parseUInt64(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let start = p[0] == UInt8(ascii: "+") ? 1 : 0
        return parseMagnitude(p, from: start, to: bytes.count)
    }

    /// True when the integer part has a redundant leading zero (`007`, `-01.5`): such text is kept as a string by
    /// type inference, because it is usually an identifier (a postal code, an account number) whose zeros matter.
    static func hasRedundantLeadingZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return false }
        var index = 0
        if index < bytes.count && (p[index] == UInt8(ascii: "-") || p[index] == UInt8(ascii: "+")) { index += 1 }
        return index + 1 < bytes.count && p[index] == asciiZero && digit(p[index + 1]) != nil
    }

    /// A scanned decimal floating-point literal: `mantissa * 10^exponent`, exact when `isMantissaExact`.
    struct FloatLiteral {
        var negative = false
        var mantissa: UInt64 = 0
        var exponent = 0
        /// False when significant digits beyond the 19th were dropped.
        var isMantissaExact = true
    }

    private enum SpecialFloat { case nan, infinity }

    /// Scans the float grammar; nil when `bytes` is not a float literal (special words excluded).
    static func scanFloatLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> FloatLiteral? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let count = bytes.count
        var literal = FloatLiteral()
        var index = 0
        if p[0] == UInt8(ascii: "-") {
            literal.negative = true
            index = 1
        } else if p[0] == UInt8(ascii: "+") {
            index = 1
        }
        var sawDigit = false
        var taken = 0
        while index < count, let d = digit(p[index]) {
            sawDigit = true
            index += 1
            if literal.mantissa == 0 && d == 0 { continue }
            if taken < 19 {
                literal.mantissa = literal.mantissa &* 10 &+ d
                taken += 1
            } else {
                literal.exponent += 1
                if d != 0 { literal.isMantissaExact = false }
            }
        }
        if index < count && p[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, let d = digit(p[index]) {
                sawDigit = true
                index += 1
                if literal.mantissa == 0 && d == 0 {
                    literal.exponent -= 1
                    continue
                }
                if taken < 19 {
                    literal.mantissa = literal.mantissa &* 10 &+ d
                    literal.exponent -= 1
                    taken += 1
                } else if d != 0 {
                    literal.isMantissaExact = false
                }
            }
        }
        guard sawDigit else { return nil }
        if index < count && (p[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count && (p[index] == UInt8(ascii: "-") || p[index] == UInt8(ascii: "+")) {
                exponentNegative = p[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var sawExponentDigit = false
            while index < count, let d = digit(p[index]) {
                sawExponentDigit = true
                if written < 1_000_000 { written = written * 10 + Int(d) }  // saturates far outside any range
                index += 1
            }
            guard sawExponentDigit else { return nil }
            literal.exponent += exponentNegative ? -written : written
        }
        guard index == count else { return nil }
        return literal
    }

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a float64, correctly rounded. Clinger's fast path (an exact mantissa below 2^53 times an exact power
    /// of ten up to 10^22) covers typical data; other literals go through the standard library's parser.
    /// - Returns: nil for malformed text and for finite literals that overflow to infinity.
    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let literal = scanFloatLiteral(bytes) else {
            switch special(bytes) {
            case .nan?: return .nan
            case .infinity?: return bytes.first == UInt8(ascii: "-") ? -.infinity : .infinity
            case nil: return nil
            }
        }
        if literal.mantissa == 0 { return literal.negative ? -0.0 : 0.0 }
        if literal.isMantissaExact && literal.mantissa <= 1 << 53 && (-22...22).contains(literal.exponent) {
            let magnitude = Double(literal.mantissa)
            let value =
                literal.exponent >= 0
                ? magnitude * exactPowersOfTen[literal.exponent] : magnitude / exactPowersOfTen[-literal.exponent]
            return literal.negative ? -value : value
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Parses a float32, correctly rounded (the text is converted once, not through float64).
    static func parseFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        guard let literal = scanFloatLiteral(bytes) else {
            switch special(bytes) {
            case .nan?: return .nan
            case .infinity?: return bytes.first == UInt8(ascii: "-") ? -.infinity : .infinity
            case nil: return nil
            }
        }
        if literal.mantissa == 0 { return literal.negative ? -0.0 : 0.0 }
        guard let value = Float(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// `nan`, `inf`, `infinity` with an optional sign, any letter case.
    private static func special(_ bytes: UnsafeBufferPointer<UInt8>) -> SpecialFloat? {
        var body = bytes[...]
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { body = body.dropFirst() }
        guard body.count == 3 || body.count == 8 else { return nil }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(body.count)
        for byte in body { lowered.append(byte | 0x20) }
        switch lowered {
        case Array("nan".utf8): return .nan
        case Array("inf".utf8), Array("infinity".utf8): return .infinity
        default: return nil
        }
    }

    /// Parses a decimal literal into the unscaled integer of `decimal(precision, scale)`.
    ///
    /// Fewer fraction digits than `scale` are padded with zeros; extra fraction digits are accepted only when they
    /// are zeros (no silent rounding). At most `precision - scale` digits may stand before the point.
    static func parseDecimal(
        _ bytes: UnsafeBufferPointer<UInt8>, precision: Int, scale: Int
    ) throws(ValueParseFailure) -> Int128 {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { throw .malformed }
        let count = bytes.count
        var index = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        } else if p[0] == UInt8(ascii: "+") {
            index = 1
        }
        var unscaled: Int128 = 0
        var integerDigits = 0
        var sawDigit = false
        while index < count, let d = digit(p[index]) {
            sawDigit = true
            index += 1
            if unscaled == 0 && d == 0 { continue }
            integerDigits += 1
            guard integerDigits <= precision - scale else {
                throw ValueParseFailure.invalid(
                    "has more than \(precision - scale) digits before the decimal point")
            }
            unscaled = unscaled * 10 + Int128(d)
        }
        var fractionDigits = 0
        if index < count && p[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, let d = digit(p[index]) {
                sawDigit = true
                index += 1
                if fractionDigits < scale {
                    unscaled = unscaled * 10 + Int128(d)
                    fractionDigits += 1
                } else if d != 0 {
                    throw ValueParseFailure.invalid("has more than \(scale) digits after the decimal point")
                }
            }
        }
        guard sawDigit, index == count else { throw .malformed }
        for _ in fractionDigits..<scale { unscaled *= 10 }
        return negative ? -unscaled : unscaled
    }
}
