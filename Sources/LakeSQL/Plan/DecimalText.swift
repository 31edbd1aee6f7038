/// Decimal literals between text and unscaled integers.
///
/// Spec: spec/sql.md §8.2.
enum DecimalText {
    /// `12.50` for unscaled 1250 at scale 2; `-0.05` for -5 at scale 2.
    static func text(unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        guard scale > 0 else { return (negative ? "-" : "") + digits }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }

    /// The unscaled value, precision and scale of digits with an optional fraction (`1.50` → 150, 3, 2; `.5` →
    /// 5, 1, 1), or nil when the text has more than 38 significant digits or is not such a number.
    static func parse(_ text: String) -> (unscaled: Int128, precision: Int, scale: Int)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let integerPart = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard (integerPart + fraction).allSatisfy({ $0.isASCII && $0.isNumber }), !(integerPart + fraction).isEmpty
        else { return nil }
        let trimmedInteger = integerPart.drop { $0 == "0" }
        let scale = fraction.count
        let precision = max(1, trimmedInteger.count + scale)
        guard precision <= 38 else { return nil }
        var unscaled: Int128 = 0
        for character in trimmedInteger + fraction {
            guard let digit = character.wholeNumberValue else { return nil }
            unscaled = unscaled * 10 + Int128(digit)
        }
        return (unscaled, max(precision, scale), scale)
    }
}
