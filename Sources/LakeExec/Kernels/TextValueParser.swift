import LakeColumnar

/// Parses the text forms CAST accepts: integers, floating point (including `nan`, `inf`, `infinity`), decimals
/// (rounded half away from zero to the scale), booleans (`true/false/t/f/yes/no/1/0`), ISO dates
/// `YYYY-MM-DD`, times `HH:MM:SS[.fraction]` and timestamps `YYYY-MM-DD[ T]HH:MM:SS[.fraction][Z|+00:00]`.
/// Surrounding whitespace is ignored. Returns nil for text that is not a value of the type.
enum TextValueParser {
    static func parse(_ raw: String, as type: DataType) -> Value? {
        let text = raw.strippingCharacters(" \t\n\r")
        switch type {
        case .bool:
            switch text.lowercased() {
            case "true", "t", "yes", "y", "1": return .bool(true)
            case "false", "f", "no", "n", "0": return .bool(false)
            default: return nil
            }
        case .int8, .int16, .int32, .int64: return Int64(text).map(Value.int)
        case .uint8, .uint16, .uint32, .uint64: return UInt64(text).map(Value.uint)
        case .float64:
            return Double(text).map(Value.float64)
        case .float32:
            return Float(text).map(Value.float32)
        case .decimal(let precision, let scale):
            return parseDecimal(text, precision: precision, scale: scale).map(Value.decimal)
        case .date32:
            return parseDate(Substring(text)).map { .int($0) }
        case .time(let unit):
            return parseTime(Substring(text), unit: unit).map { .int($0) }
        case .timestamp(let unit, _):
            return parseTimestamp(text, unit: unit).map { .int($0) }
        default:
            return nil
        }
    }

    static func parseDecimal(_ text: String, precision: Int, scale: Int) -> Int128? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var unscaled: Int128 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digits = 0
        var roundUp = false
        var dropped = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            digits += 1
            if seenPoint && fractionDigits == scale {
                if !dropped { roundUp = byte >= UInt8(ascii: "5") }
                dropped = true
                continue
            }
            let (product, overflow) = unscaled.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            unscaled = product + Int128(byte - UInt8(ascii: "0"))
            if seenPoint { fractionDigits += 1 }
        }
        guard digits > 0 else { return nil }
        guard let scaled = DecimalMath.rescale(unscaled, from: fractionDigits, to: scale) else { return nil }
        let rounded = roundUp ? scaled + 1 : scaled
        let value = negative ? -rounded : rounded
        return DecimalMath.fits(value, precision: precision) ? value : nil
    }

    private static func number(_ text: Substring, digits: Int) -> Int64? {
        guard text.utf8.count == digits, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(text)
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD`.
    static func parseDate(_ text: Substring) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = number(parts[0], digits: 4), let month = number(parts[1], digits: 2),
            let day = number(parts[2], digits: 2), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// `HH:MM:SS[.fraction]` as a count of `unit` since midnight (fraction digits beyond the unit are an error).
    static func parseTime(_ text: Substring, unit: TimeUnit) -> Int64? {
        let pieces = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let parts = pieces[0].split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let hour = number(parts[0], digits: 2), let minute = number(parts[1], digits: 2),
            let second = number(parts[2], digits: 2), hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction: Int64 = 0
        if pieces.count == 2 {
            let fractionText = pieces[1]
            let unitDigits = String(unit.perSecond).count - 1
            guard !fractionText.isEmpty, fractionText.count <= unitDigits,
                let value = number(fractionText, digits: fractionText.utf8.count)
            else { return nil }
            fraction = value
            for _ in fractionText.count..<unitDigits { fraction *= 10 }
        }
        return ((hour * 60 + minute) * 60 + second) * unit.perSecond + fraction
    }

    /// Instant of `YYYY-MM-DD[ T]HH:MM:SS[.fraction][Z|+00:00]` (or a bare date at midnight) in `unit`.
    static func parseTimestamp(_ text: String, unit: TimeUnit) -> Int64? {
        var body = Substring(text)
        if body.hasSuffix("Z") {
            body = body.dropLast()
        } else if body.hasSuffix("+00:00") {
            body = body.dropLast(6)
        }
        guard let separator = body.firstIndex(where: { $0 == " " || $0 == "T" }) else {
            guard let days = parseDate(body) else { return nil }
            return multiply(days, 86_400 * unit.perSecond)
        }
        guard let days = parseDate(body[..<separator]),
            let time = parseTime(body[body.index(after: separator)...], unit: unit),
            let dayStart = multiply(days, 86_400 * unit.perSecond)
        else { return nil }
        let (value, overflow) = dayStart.addingReportingOverflow(time)
        return overflow ? nil : value
    }

    private static func multiply(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }
}

extension String {
    func strippingCharacters(_ set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }) else { return "" }
        guard let last = lastIndex(where: { !characters.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
