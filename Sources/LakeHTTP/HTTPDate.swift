/// HTTP-date parsing and formatting (always GMT).
///
/// Spec: RFC 9110 §5.6.7. Accepted: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37
/// GMT` (RFC 850; two-digit years below 70 are 20xx) and `Sun Nov  6 08:49:37 1994` (asctime). The weekday is
/// not checked against the date.
public enum HTTPDate {
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let dayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// Milliseconds since the Unix epoch, or nil when `text` is not an HTTP-date.
    public static func parseMillis(_ text: String) -> Int64? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        var day: Int64?
        var month: Int64?
        var year: Int64?
        var time: (Int64, Int64, Int64)?
        if words.count == 6, words[5].uppercased() == "GMT" {
            day = Int64(words[1])
            month = monthIndex(words[2])
            year = Int64(words[3])
            time = clock(words[4])
        } else if words.count == 4, words[3].uppercased() == "GMT" {
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let twoDigit = Int64(parts[2]), parts[2].count == 2 else { return nil }
            day = Int64(parts[0])
            month = monthIndex(parts[1])
            year = twoDigit < 70 ? 2000 + twoDigit : 1900 + twoDigit
            time = clock(words[2])
        } else if words.count == 5 {
            month = monthIndex(words[1])
            day = Int64(words[2])
            time = clock(words[3])
            year = Int64(words[4])
        }
        guard let day, let month, let year, let time, (1...31).contains(day), (1900...9999).contains(year),
            (0...23).contains(time.0), (0...59).contains(time.1), (0...60).contains(time.2)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + time.0) * 60 + time.1) * 60_000 + time.2 * 1_000
    }

    /// IMF-fixdate for `millis` (rounded down to the second), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(millis: Int64) -> String {
        let seconds = millis >= 0 ? millis / 1_000 : (millis - 999) / 1_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        let weekday = dayNames[Int(((days % 7) + 7) % 7)]
        let monthName = monthNames[Int(month - 1)].prefix(1).uppercased() + monthNames[Int(month - 1)].dropFirst()
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(monthName) \(year) \(two(secondOfDay / 3_600)):"
            + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    private static func monthIndex(_ name: String) -> Int64? {
        monthNames.firstIndex(of: name.lowercased()).map { Int64($0) + 1 }
    }

    private static func clock(_ text: String) -> (Int64, Int64, Int64)? {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }), let hour = Int64(parts[0]),
            let minute = Int64(parts[1]), let second = Int64(parts[2])
        else { return nil }
        return (hour, minute, second)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (era-based day counting).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
