import LakeColumnar

/// Functions computed over a window of rows: ranking, offsets, and aggregates over a frame.
public enum WindowFunction: Sendable, Hashable {
    /// 1, 2, 3, ... in window order within the partition.
    case rowNumber
    /// 1 + the number of rows before the row's peers (ties share a rank, gaps follow).
    case rank
    /// 1 + the number of distinct peer groups before the row (no gaps).
    case denseRank
    /// The argument `offset` rows before the row in the partition, else `default` (null when absent).
    case lag(Expression, offset: Int, default: Expression?)
    /// The argument `offset` rows after the row in the partition, else `default` (null when absent).
    case lead(Expression, offset: Int, default: Expression?)
    /// count, count(*), sum, avg, min, max, first, last over the frame (first/last are first_value/last_value).
    case aggregate(AggregateFunction, Expression?, frame: WindowFrame)
}

/// The rows an aggregate window function sees, relative to the current row in window order.
///
/// `preceding`/`following` count rows (nil: unbounded). With `extendsToPeers`, the frame ends at the last peer of
/// the current row instead (SQL's default `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`).
public struct WindowFrame: Sendable, Hashable {
    public var preceding: Int?
    public var following: Int?
    public var extendsToPeers: Bool

    public init(preceding: Int?, following: Int?, extendsToPeers: Bool = false) {
        precondition((preceding ?? 0) >= 0 && (following ?? 0) >= 0, "frame offsets are row counts")
        self.preceding = preceding
        self.following = following
        self.extendsToPeers = extendsToPeers
    }

    /// `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`.
    public static let runningRows = WindowFrame(preceding: nil, following: 0)
    /// `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (peers of the current row included).
    public static let runningRange = WindowFrame(preceding: nil, following: 0, extendsToPeers: true)
    /// The whole partition.
    public static let partition = WindowFrame(preceding: nil, following: nil)
    /// `ROWS BETWEEN n PRECEDING AND m FOLLOWING`.
    public static func rows(preceding: Int, following: Int) -> WindowFrame {
        WindowFrame(preceding: preceding, following: following)
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
        case .lag(let argument, let offset, _): functionText = "lag(\(ExpressionText.render(argument)), \(offset))"
        case .lead(let argument, let offset, _): functionText = "lead(\(ExpressionText.render(argument)), \(offset))"
        case .aggregate(let aggregate, let argument, let frame):
            let inner = argument.map(ExpressionText.render) ?? "*"
            let start = frame.preceding.map { "\($0) PRECEDING" } ?? "UNBOUNDED PRECEDING"
            let end = frame.following.map { $0 == 0 ? "CURRENT ROW" : "\($0) FOLLOWING" } ?? "UNBOUNDED FOLLOWING"
            functionText = "\(aggregate.rawValue)(\(inner)) \(frame.extendsToPeers ? "RANGE" : "ROWS") \(start)..\(end)"
        }
        let partition = partitionBy.map(ExpressionText.render).joined(separator: ", ")
        let order = orderBy.map(\.text).joined(separator: ", ")
        return "\(functionText) OVER (PARTITION BY \(partition) ORDER BY \(order)) AS \(name)"
    }
}
