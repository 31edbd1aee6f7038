/// Renders column values as text: ISO-8601 dates, times and timestamps, decimals with their scale, hex bytes.
///
/// Used by the CLI's table/CSV/JSON output and by error messages. Null renders as nil so callers choose their
/// own spelling ("NULL", empty field, JSON null).
public enum ValueFormatter {
    /// The text of row `row` of `column`, or nil when it is null.
    public static func text(_ column: Column, row: Int) -> String? {
        text(column.value(at: row), type: column.type)
    }

    /// The text of `value` read as `type`, or nil for `.null`.
    public static func text(_ value: Value, type: DataType) -> String? {
        switch (value, type) {
        case (.null, _): return nil
        case (.list(let items), .list(let element)):
            return "[" + items.map { nestedText($0, type: element.type) }.joined(separator: ", ") + "]"
        case (.struct(let fieldValues), .struct(let fields)):
            let pairs = zip(fields, fieldValues).map { "\($0.name): \(nestedText($1, type: $0.type))" }
            return "{" + pairs.joined(separator: ", ") + "}"
        case (.map(let keys, let values), .map(let key, let value)):
            let pairs = zip(keys, values).map { "\(nestedText($0, type: key.type)): \(nestedText($1, type: value.type))" }
            return "{" + pairs.joined(separator: ", ") + "}"
        case (.int(let days), .date32): return date(days: days)
        case (.int(let count), .time(let unit)): return time(count, unit: unit)
        case (.int(let count), .timestamp(let unit, let utc)): return timestamp(count, unit: unit, utc: utc)
        case (.decimal(let unscaled), .decimal(_, let scale)): return decimal(unscaled, scale: scale)
        case (.bytes(let bytes), _): return hex(bytes)
        case (.string(let text), _): return text
        case (.bool(let flag), _): return flag ? "true" : "false"
        case (.int(let number), _): return String(number)
        case (.uint(let number), _): return String(number)
        case (.float32(let number), _): return "\(number)"
        case (.float64(let number), _): return "\(number)"
        case (.decimal(let unscaled), _): return String(unscaled)
        case (.list(let items), _): return "[" + items.map { nestedText($0, type: type) }.joined(separator: ", ") + "]"
        case (.struct(let fieldValues), _):
            return "{" + fieldValues.map { nestedText($0, type: type) }.joined(separator: ", ") + "}"
        case (.map(let keys, let values), _):
            let pairs = zip(keys, values).map { "\(nestedText($0, type: type)): \(nestedText($1, type: type))" }
            return "{" + pairs.joined(separator: ", ") + "}"
        }
    }

    /// `text` in double quotes, with quotes and backslashes escaped by a backslash.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// The text of a value inside a list, struct or map: strings quoted, null spelled `null`.
    private static func nestedText(_ value: Value, type: DataType) -> String {
        switch value {
        case .null: "null"
        case .string(let text): quoted(text)
        default: text(value, type: type) ?? "null"
        }
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `unscaled × 10^-scale` in plain decimal notation, e.g. `-12.50` for (-1250, 2).
    public static func decimal(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// `YYYY-MM-DD` of a day count since 1970-01-01 (proleptic Gregorian calendar).
    public static func date(days: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(days: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `HH:MM:SS[.fraction]` of a count of `unit` since midnight.
    public static func time(_ count: Int64, unit: TimeUnit) -> String {
        let perSecond = unit.perSecond
        let seconds = count / perSecond
        let fraction = count % perSecond
        return "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
            + fractionText(fraction, unit: unit)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction][Z]` of a count of `unit` since the Unix epoch.
    public static func timestamp(_ count: Int64, unit: TimeUnit, utc: Bool) -> String {
        let perSecond = unit.perSecond
        var seconds = count / perSecond
        var fraction = count % perSecond
        if fraction < 0 {
            fraction += perSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        return date(days: days) + "T" + time(secondOfDay * perSecond + fraction, unit: unit) + (utc ? "Z" : "")
    }

    private static func fractionText(_ fraction: Int64, unit: TimeUnit) -> String {
        guard fraction != 0 else { return "" }
        let width = unit == .milliseconds ? 3 : unit == .microseconds ? 6 : 9
        return "." + pad(fraction, width)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - text.count)) + text
        return value < 0 ? "-" + padded : padded
    }
}
