import LakeColumnar

/// Dates and timestamps between SQL literal text and day or unit counts since 1970-01-01 (UTC, proleptic
/// Gregorian calendar).
///
/// Spec: spec/sql.md §8.2.
public enum DateTimeText {
    /// Days since the epoch of `YYYY-MM-DD`, or nil when the text is not a valid date.
    public static func parseDate(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Microseconds since the epoch of `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z]`, or nil when invalid.
    public static func parseTimestampMicroseconds(_ text: String) -> Int64? {
        var body = Substring(text.trimmingSpaces)
        if body.hasSuffix("Z") { body = body.dropLast() }
        guard body.count >= 10, let days = parseDate(String(body.prefix(10))) else { return nil }
        var micros = days * 86_400_000_000
        let rest = body.dropFirst(10)
        guard !rest.isEmpty else { return micros }
        guard rest.first == " " || rest.first == "T" else { return nil }
        let clock = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock[0].count == 2, clock[1].count == 2,
            let hour = Int64(clock[0]), let minute = Int64(clock[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        micros += (hour * 3_600 + minute * 60) * 1_000_000
        if clock.count == 3 {
            let secondParts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
            guard secondParts.count <= 2, secondParts[0].count == 2, let second = Int64(secondParts[0]),
                (0..<60).contains(second)
            else { return nil }
            micros += second * 1_000_000
            if secondParts.count == 2 {
                let fraction = secondParts[1]
                guard (1...6).contains(fraction.count), let value = Int64(fraction) else { return nil }
                var scaled = value
                for _ in fraction.count..<6 { scaled *= 10 }
                micros += scaled
            }
        }
        return micros
    }

    static func date(days: Int64) -> String {
        ValueFormatter.date(days: days)
    }

    /// `YYYY-MM-DD HH:MM:SS[.fraction]`: the ISO 8601 text with the space SQL literals use instead of `T`.
    static func timestamp(_ count: Int64, unit: TimeUnit) -> String {
        String(ValueFormatter.timestamp(count, unit: unit, utc: false).map { $0 == "T" ? " " : $0 })
    }
}

extension String {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
