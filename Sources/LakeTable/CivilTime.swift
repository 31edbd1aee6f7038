import LakeColumnar

/// Dates and timestamps as text in the forms the Delta log uses (partition values, statistics), converted to
/// and from LakeColumnar's counts (days and microseconds since 1970-01-01).
///
/// Proleptic Gregorian calendar, 4-digit years only. Parsing never traps: out-of-range fields return nil.
///
/// Spec: spec/table-log.md §4.1 and §5.
enum CivilTime {
    static let microsPerSecond: Int64 = 1_000_000
    static let secondsPerDay: Int64 = 86_400

    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        CivilCalendar.days(year: year, month: month, day: day)
    }

    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        CivilCalendar.date(days: days)
    }

    /// `yyyy-MM-dd`.
    static func formatDate(days: Int64) -> String {
        let date = civil(days: days)
        return pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    /// Parses `yyyy-MM-dd` into days since the epoch.
    static func parseDate(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return parseDate(bytes[...])
    }

    /// `yyyy-MM-dd<separator>HH:mm:ss` followed by `fractionDigits` digits of the second (none when 0).
    static func formatTimestamp(micros: Int64, separator: String, fractionDigits: Int) -> String {
        let (days, remainder) = floorDivide(micros, secondsPerDay * microsPerSecond)
        let seconds = remainder / microsPerSecond
        var text =
            formatDate(days: days) + separator + pad(seconds / 3_600, 2) + ":" + pad(seconds / 60 % 60, 2)
            + ":" + pad(seconds % 60, 2)
        if fractionDigits > 0 {
            let fraction = pad(remainder % microsPerSecond, 6)
            text += "." + fraction.prefix(fractionDigits)
        }
        return text
    }

    /// Parses `yyyy-MM-dd[ T]HH:mm:ss[.f{1,9}][Z|±hh:mm]` into microseconds since the epoch (digits past the
    /// sixth are truncated). Without an offset the text is taken as UTC (or as wall clock for `timestamp_ntz`).
    /// - Parameter allowsOffset: false refuses `Z` and offsets (for `timestamp_ntz`).
    static func parseTimestamp(_ text: String, allowsOffset: Bool) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            let days = parseDate(bytes[0..<10]),
            let hour = number(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"), let minute = number(bytes[14..<16]),
            bytes[16] == UInt8(ascii: ":"), let second = number(bytes[17..<19]), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                if digits < 6 { micros = micros * 10 + digit }
                digits += 1
                index += 1
            }
            guard (1...9).contains(digits) else { return nil }
            for _ in min(digits, 6)..<6 { micros *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if index < bytes.count {
            guard allowsOffset else { return nil }
            if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count {
                index += 1
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), bytes.count == index + 6,
                let hours = number(bytes[(index + 1)..<(index + 3)]), bytes[index + 3] == UInt8(ascii: ":"),
                let minutes = number(bytes[(index + 4)..<(index + 6)]), hours < 24, minutes < 60
            {
                offsetSeconds = (hours * 3_600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
                index += 6
            } else {
                return nil
            }
        }
        let seconds = days * secondsPerDay + hour * 3_600 + minute * 60 + second - offsetSeconds
        return seconds * microsPerSecond + micros
    }

    /// Floor division: the remainder has the sign of the divisor (positive here).
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func parseDate(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let start = bytes.startIndex
        guard bytes.count == 10, let year = number(bytes[start..<(start + 4)]), bytes[start + 4] == UInt8(ascii: "-"),
            let month = number(bytes[(start + 5)..<(start + 7)]), bytes[start + 7] == UInt8(ascii: "-"),
            let day = number(bytes[(start + 8)..<(start + 10)]), (1...12).contains(month), day >= 1,
            day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        return days(year: year, month: month, day: day)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard let digit = digitValue(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func digitValue(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
