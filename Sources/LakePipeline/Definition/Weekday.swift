/// A day of the week, numbered as ISO 8601 does (Monday 1 ... Sunday 7).
///
/// Spec: spec/pipeline.md#frequency-groups
public enum Weekday: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of a count of days since 1970-01-01 (a Thursday).
    public init(daysSinceEpoch days: Int64) {
        let index = ((days % 7) + 7 + 3) % 7  // 0 = Monday
        self = Weekday(rawValue: Int(index) + 1) ?? .monday
    }

    /// Parses an English day name or its three-letter abbreviation, in any letter case.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        guard let day = Weekday.allCases.first(where: { $0.description == lower || $0.description.prefix(3) == lower })
        else { return nil }
        self = day
    }

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public var description: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }
}
