/// Durations written as table property values: `interval <n> <unit>`.
///
/// Spec: spec/table-log.md §13.
enum IntervalText {
    /// Milliseconds per unit name, singular and plural, lower case.
    private static let unitMillis: [String: Int64] = [
        "millisecond": 1, "second": 1_000, "minute": 60_000, "hour": 3_600_000, "day": 86_400_000,
        "week": 604_800_000,
    ]

    /// The duration of `text` (`interval 7 days`, case-insensitive, the `interval` keyword optional), or nil when
    /// it does not parse, is negative or overflows.
    static func millis(_ text: String) -> Int64? {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first == "interval" { words.removeFirst() }
        guard words.count == 2, let count = Int64(words[0]), count >= 0 else { return nil }
        var unit = words[1]
        if unit.hasSuffix("s") { unit.removeLast() }
        guard let per = unitMillis[unit] else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: per)
        return overflow ? nil : product
    }
}
