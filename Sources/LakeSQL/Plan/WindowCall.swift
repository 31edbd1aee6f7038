import LakeColumnar

/// One window function of a `Window` node: `rank() OVER (PARTITION BY d ORDER BY cap DESC)`.
///
/// All expressions are over the window node's input. The node appends one column per call to its input's.
///
/// Spec: spec/sql.md §8.3.
public struct WindowCall: Sendable, Hashable {
    /// Where a frame starts or ends. Offsets are constants: a row count for ROWS, a value (or interval) to add to
    /// or subtract from the ORDER BY key for RANGE.
    public enum FrameBound: Sendable, Hashable {
        case unboundedPreceding
        case preceding(BoundExpression)
        case precedingInterval(IntervalValue)
        case currentRow
        case following(BoundExpression)
        case followingInterval(IntervalValue)
        case unboundedFollowing
    }

    public struct Frame: Sendable, Hashable {
        public var unit: WindowFrame.Unit
        public var start: FrameBound
        public var end: FrameBound

        public init(unit: WindowFrame.Unit, start: FrameBound, end: FrameBound) {
            self.unit = unit
            self.start = start
            self.end = end
        }
    }

    /// Canonical lower-case name: a ranking or offset function (`row_number`, `lag`, ...) or an aggregate.
    public var function: String
    public var arguments: [BoundExpression]
    public var isDistinct: Bool
    public var filter: BoundExpression?
    public var partitionBy: [BoundExpression]
    public var orderBy: [SortKey]
    /// nil: the default frame (the whole partition without ORDER BY; with it, RANGE from the partition's start to
    /// the current row's last peer). Ranking and offset functions ignore frames.
    public var frame: Frame?
    public var type: DataType
    public var name: String

    public init(
        function: String, arguments: [BoundExpression], isDistinct: Bool = false, filter: BoundExpression? = nil,
        partitionBy: [BoundExpression], orderBy: [SortKey], frame: Frame?, type: DataType, name: String
    ) {
        self.function = function
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.filter = filter
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.type = type
        self.name = name
    }
}
