/// `ROWS BETWEEN 6 PRECEDING AND CURRENT ROW` and its relatives.
///
/// Spec: spec/sql.md §2.4.
public struct WindowFrame: Sendable, Hashable {
    /// Whether offsets count rows or values of the ORDER BY key.
    public enum Unit: String, Sendable, Hashable {
        case rows = "ROWS"
        case range = "RANGE"
    }

    /// One end of a frame.
    public enum Bound: Sendable, Hashable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    public var unit: Unit
    public var start: Bound
    /// nil when written without BETWEEN (`ROWS 3 PRECEDING`): the frame ends at the current row.
    public var end: Bound?

    public init(unit: Unit, start: Bound, end: Bound? = nil) {
        self.unit = unit
        self.start = start
        self.end = end
    }
}
