/// Exact decimal text for unscaled `Int128` values: `-2.25` for unscaled -225 at scale 2.
///
/// Used for decimal partition values and statistics, which must never pass through a double.
///
/// Spec: spec/table-log.md §4.1, §5.2.
enum DecimalText {
    /// The plain text of `unscaled` × 10^-`scale`, with exactly `scale` fraction digits.
    static func format(unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        let magnitude = unscaled.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` into the unscaled value at `scale`, or nil when the text is
    /// malformed, has more fraction digits than `scale` allows (non-zero), or exceeds `precision` digits.
    static func parse(_ text: String, precision: Int, scale: Int) -> Int128? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var exponent = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let value = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)), abs(value) <= 76 else {
                return nil
            }
            exponent = value
            bytes = bytes[..<e]
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint else { return nil }
                sawPoint = true
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits.append(byte - UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        // value = digits × 10^(exponent - fractionDigits); we need it × 10^scale.
        var shift = scale + exponent - fractionDigits
        while shift < 0 {
            guard digits.last == 0 else { return nil }
            digits.removeLast()
            shift += 1
        }
        digits.append(contentsOf: repeatElement(0, count: shift))
        while digits.first == 0, digits.count > 1 { digits.removeFirst() }
        guard digits.count <= precision || (digits.count == 1 && digits[0] == 0) else { return nil }
        var value: Int128 = 0
        for digit in digits { value = value * 10 + Int128(digit) }
        return negative ? -value : value
    }
}
