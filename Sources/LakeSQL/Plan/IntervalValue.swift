/// An interval as the executor adds it: months, days and microseconds kept apart, because a month has no fixed
/// length and a day may not have 24 hours in a zone.
///
/// Spec: spec/sql.md §8.2.
public struct IntervalValue: Sendable, Hashable, CustomStringConvertible {
    public var months: Int64
    public var days: Int64
    public var microseconds: Int64

    public init(months: Int64 = 0, days: Int64 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    /// The interval with every part negated, for `x - INTERVAL ...`; nil when a part is `Int64.min`.
    public var negated: IntervalValue? {
        guard months != .min, days != .min, microseconds != .min else { return nil }
        return IntervalValue(months: -months, days: -days, microseconds: -microseconds)
    }

    /// `1 month 2 days 3600000000 us`, leaving out zero parts (`0 days` when all are zero).
    public var description: String {
        var parts: [String] = []
        if months != 0 { parts.append("\(months) month\((months == 1 || months == -1) ? "" : "s")") }
        if days != 0 || (months == 0 && microseconds == 0) {
            parts.append("\(days) day\((days == 1 || days == -1) ? "" : "s")")
        }
        if microseconds != 0 { parts.append("\(microseconds) us") }
        return parts.joined(separator: " ")
    }
}
