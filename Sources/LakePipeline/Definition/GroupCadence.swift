/// Which days a frequency group fires on.
///
/// Spec: spec/pipeline.md#frequency-groups
public enum GroupCadence: Sendable, Hashable, CustomStringConvertible {
    /// Every day.
    case daily
    /// Monday to Friday (the 5x and 10x groups).
    case weekdays
    /// Once a week on `Weekday`.
    case weekly(Weekday)

    /// Whether the group fires on `day`.
    public func includes(_ day: Weekday) -> Bool {
        switch self {
        case .daily: true
        case .weekdays: !day.isWeekend
        case .weekly(let chosen): day == chosen
        }
    }

    public var description: String {
        switch self {
        case .daily: "daily"
        case .weekdays: "weekdays"
        case .weekly(let day): "weekly on \(day)"
        }
    }
}
