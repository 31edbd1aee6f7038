/// A part of a date or time: the field of `EXTRACT(field FROM x)` and the unit of an interval.
///
/// Spec: spec/sql.md §2.4.
public enum DateTimeField: String, Sendable, Hashable, CaseIterable {
    case year
    case quarter
    case month
    case week
    case day
    case dayOfWeek = "dow"
    case dayOfYear = "doy"
    case hour
    case minute
    case second
    case millisecond
    case microsecond
    case epoch

    /// The field named by `word` in any case: the canonical name, its plural (`days`), or a long form
    /// (`dayofweek`, `dayofyear`).
    public init?(name word: String) {
        let lower = word.lowercased()
        if let field = DateTimeField(rawValue: lower) {
            self = field
            return
        }
        switch lower {
        case "years": self = .year
        case "quarters": self = .quarter
        case "months": self = .month
        case "weeks": self = .week
        case "days": self = .day
        case "dayofweek": self = .dayOfWeek
        case "dayofyear": self = .dayOfYear
        case "hours": self = .hour
        case "minutes": self = .minute
        case "seconds": self = .second
        case "milliseconds": self = .millisecond
        case "microseconds": self = .microsecond
        default: return nil
        }
    }

    /// Fields an interval may count; the others (`dow`, `doy`, `epoch`) only make sense in EXTRACT.
    public var isIntervalUnit: Bool {
        switch self {
        case .dayOfWeek, .dayOfYear, .epoch: false
        default: true
        }
    }

    /// The canonical names, for error messages.
    static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
