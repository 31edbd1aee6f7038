import LakeColumnar

/// Dates and timestamps between SQL literal text and day or unit counts since 1970-01-01 (UTC, proleptic
/// Gregorian calendar).
///
/// Spec: spec/sql.md §8.2.
enum DateTimeText {
    /// Days since the epoch of `YYYY-MM-DD`, or nil when the text is not a valid date.
    static func parseDate(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Microseconds since the epoch of `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z]`, or nil when invalid.
    static func parseTimestampMicroseconds(_ text: String) -> Int64? {
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
        let (year, month, day) = CivilCalendar.date(days: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func timestamp(_ count: Int64, unit: TimeUnit) -> String {
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
        var text = "\(date(days: days)) \(pad(secondOfDay / 3_600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
        text += pad(secondOfDay % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, String(perSecond).count - 1) }
        return text
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension String {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
