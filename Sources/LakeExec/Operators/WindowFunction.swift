import LakeColumnar

/// Functions computed over a window of rows: ranking, distribution, offsets, and aggregates over a frame.
public enum WindowFunction: Sendable, Hashable {
    /// 1, 2, 3, ... in window order within the partition.
    case rowNumber
    /// 1 + the number of rows before the row's peers (ties share a rank, gaps follow).
    case rank
    /// 1 + the number of distinct peer groups before the row (no gaps).
    case denseRank
    /// `ntile(n)`: the bucket 1...n of the row when the partition is split in window order into n buckets whose
    /// sizes differ by at most one, the larger ones first (n > partition size gives one row per bucket); int64.
    /// n must be positive (`invalidArgument`).
    case ntile(Int)
    /// `percent_rank()`: (rank - 1) / (partition rows - 1), 0 for a partition of one row; float64.
    case percentRank
    /// `cume_dist()`: rows up to and including the row's last peer / partition rows; float64.
    case cumeDist
    /// The argument `offset` rows before the row in the partition, else `default` (null when absent).
    case lag(Expression, offset: Int, default: Expression?)
    /// The argument `offset` rows after the row in the partition, else `default` (null when absent).
    case lead(Expression, offset: Int, default: Expression?)
    /// `nth_value(x, n)`: the argument at the n-th row (1-based) of the frame, null when the frame is shorter;
    /// n must be positive (`invalidArgument`).
    case nthValue(Expression, Int, frame: WindowFrame)
    /// count, count(*), sum, avg, min, max, first, last (first_value/last_value), any_value, bool_and, bool_or,
    /// stddev and variance over the frame.
    case aggregate(AggregateFunction, Expression?, frame: WindowFrame)
}

/// The rows an aggregate window function sees, relative to the current row in window order.
///
/// `start` and `end` are signed row offsets from the current row, both inclusive (-3 is 3 PRECEDING, 0 CURRENT
/// ROW, 2 2 FOLLOWING; nil: unbounded), clipped to the partition; a frame whose start lies after its end is empty
/// (count 0, other aggregates null). With `extendsToPeers` (RANGE), a bound of 0 (CURRENT ROW) reaches the first
/// peer of the current row for the start and its last peer for the end; other offsets still count rows.
public struct WindowFrame: Sendable, Hashable {
    public var start: Int?
    public var end: Int?
    public var extendsToPeers: Bool

    /// A frame by signed offsets: `WindowFrame(start: -3, end: -1)` is ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING.
    public init(start: Int?, end: Int?, extendsToPeers: Bool = false) {
        self.start = start
        self.end = end
        self.extendsToPeers = extendsToPeers
    }

    /// ROWS BETWEEN `preceding` PRECEDING AND `following` FOLLOWING (nil: unbounded).
    /// - Precondition: the counts are not negative.
    public init(preceding: Int?, following: Int?, extendsToPeers: Bool = false) {
        precondition((preceding ?? 0) >= 0 && (following ?? 0) >= 0, "frame offsets are row counts")
        self.init(start: preceding.map { -$0 }, end: following, extendsToPeers: extendsToPeers)
    }

    /// `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`.
    public static let runningRows = WindowFrame(start: nil, end: 0)
    /// `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (peers of the current row included).
    public static let runningRange = WindowFrame(start: nil, end: 0, extendsToPeers: true)
    /// The whole partition.
    public static let partition = WindowFrame(start: nil, end: nil)
    /// `ROWS BETWEEN n PRECEDING AND m FOLLOWING`.
    public static func rows(preceding: Int, following: Int) -> WindowFrame {
        WindowFrame(preceding: preceding, following: following)
    }

    /// ROWS between two signed offsets (nil: unbounded): `.rows(from: 1, to: 3)` is 1 FOLLOWING AND 3 FOLLOWING.
    public static func rows(from start: Int?, to end: Int?) -> WindowFrame { WindowFrame(start: start, end: end) }

    /// `start ..< end` positions of the frame of the row at `position`, within its partition and peer group.
    func bounds(position: Int, partition: Range<Int>, peers: Range<Int>) -> Range<Int> {
        let first: Int
        switch start {
        case nil: first = partition.lowerBound
        case 0? where extendsToPeers: first = peers.lowerBound
        case let offset?: first = min(max(partition.lowerBound, position.addingClamped(offset)), partition.upperBound)
        }
        let last: Int
        switch end {
        case nil: last = partition.upperBound
        case 0? where extendsToPeers: last = peers.upperBound
        case let offset?:
            last = max(min(partition.upperBound, position.addingClamped(offset).addingClamped(1)), partition.lowerBound)
        }
        return first..<max(first, last)
    }

    var text: String {
        func bound(_ offset: Int?, unbounded: String) -> String {
            guard let offset else { return unbounded }
            return offset == 0 ? "CURRENT ROW" : offset < 0 ? "\(-offset) PRECEDING" : "\(offset) FOLLOWING"
        }
        let from = bound(start, unbounded: "UNBOUNDED PRECEDING")
        let to = bound(end, unbounded: "UNBOUNDED FOLLOWING")
        return "\(extendsToPeers ? "RANGE" : "ROWS") \(from)..\(to)"
    }
}

extension Int {
    /// `self + other`, saturating at the bounds of Int (frame offsets may be any Int).
    fileprivate func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

/// One window column: function, PARTITION BY, ORDER BY and output name.
public struct WindowExpression: Sendable, Hashable {
    public var function: WindowFunction
    public var partitionBy: [Expression]
    public var orderBy: [SortKey]
    public var name: String

    public init(_ function: WindowFunction, partitionBy: [Expression] = [], orderBy: [SortKey] = [], as name: String) {
        self.function = function
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.name = name
    }

    var text: String {
        let functionText: String
        switch function {
        case .rowNumber: functionText = "row_number()"
        case .rank: functionText = "rank()"
        case .denseRank: functionText = "dense_rank()"
        case .ntile(let buckets): functionText = "ntile(\(buckets))"
        case .percentRank: functionText = "percent_rank()"
        case .cumeDist: functionText = "cume_dist()"
        case .nthValue(let argument, let index, let frame):
            functionText = "nth_value(\(ExpressionText.render(argument)), \(index)) \(frame.text)"
        case .lag(let argument, let offset, _): functionText = "lag(\(ExpressionText.render(argument)), \(offset))"
        case .lead(let argument, let offset, _): functionText = "lead(\(ExpressionText.render(argument)), \(offset))"
        case .aggregate(let aggregate, let argument, let frame):
            let inner = argument.map(ExpressionText.render) ?? "*"
            functionText = "\(aggregate.rawValue)(\(inner)) \(frame.text)"
        }
        let partition = partitionBy.map(ExpressionText.render).joined(separator: ", ")
        let order = orderBy.map(\.text).joined(separator: ", ")
        return "\(functionText) OVER (PARTITION BY \(partition) ORDER BY \(order)) AS \(name)"
    }
}
