import LakeColumnar

/// Appends one column per window expression to every input row; rows keep their input order.
///
/// Holds the whole input (memory-budgeted). Per window expression: one stable sort by (partition keys, order
/// keys), then one pass over the sorted rows. Ranking and offsets are O(n); frame aggregates are O(n) for frames
/// starting at the partition start and O(n·w) for sliding frames of w rows.
///
/// Spec: spec/executor.md (window functions)
public final class WindowOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private let windows: [WindowExpression]
    private let context: ExecutionContext
    private var output: [Batch]? = nil
    private var position = 0
    private var reservedBytes = 0
    private let resultTypes: [DataType]

    public init(_ child: any PhysicalOperator, windows: [WindowExpression], context: ExecutionContext)
        throws(ExecutionError)
    {
        var fields = child.schema.fields
        var types: [DataType] = []
        for window in windows {
            let type = try WindowOperator.resultType(window.function, schema: child.schema)
            types.append(type)
            fields.append(Field(window.name, type))
        }
        resultTypes = types
        schema = Schema(fields)
        children = [child]
        self.windows = windows
        self.context = context
        label = "Window " + windows.map(\.text).joined(separator: ", ")
    }

    deinit { context.memory.release(reservedBytes) }

    static func resultType(_ function: WindowFunction, schema: Schema) throws(ExecutionError) -> DataType {
        switch function {
        case .rowNumber, .rank, .denseRank: return .int64
        case .ntile(let buckets):
            guard buckets > 0 else { throw .invalidArgument(function: "ntile", reason: "\(buckets) buckets") }
            return .int64
        case .percentRank, .cumeDist: return .float64
        case .lag(let argument, let offset, _), .lead(let argument, let offset, _):
            guard offset >= 0 else { throw .invalidArgument(function: "lag/lead", reason: "negative offset \(offset)") }
            return try argument.bound(to: schema).type
        case .nthValue(let argument, let index, _):
            guard index > 0 else { throw .invalidArgument(function: "nth_value", reason: "row \(index) of a frame") }
            let type = try argument.bound(to: schema).type
            try type.requireFlat("nth_value")
            return type
        case .aggregate(let aggregate, let argument, _):
            switch aggregate {
            case .countDistinct, .stringAgg, .argMin, .argMax:
                throw .invalidArgument(function: aggregate.rawValue, reason: "not supported as a window function")
            default:
                let type = try argument.map { (expression) throws(ExecutionError) in
                    try expression.bound(to: schema).type
                }
                return try aggregate.resultType(aggregate == .countRows ? nil : type)
            }
        }
    }

    public func next() throws(ExecutionError) -> Batch? {
        if output == nil {
            let input = try MaterializedInput.collect(children[0], context: context, operatorName: "window")
            reservedBytes += input.reservedBytes
            var columns = input.batch.columns
            // Window expressions are independent: each sorts and computes on its own worker; a lone one sorts
            // with all workers instead.
            let batch = input.batch
            let parallelism = context.options.parallelism
            let sortParallelism = windows.count > 1 ? 1 : parallelism
            columns += try MorselScheduler.map(Array(zip(windows, resultTypes)), parallelism: parallelism) {
                pair throws(ExecutionError) in
                try WindowOperator.compute(pair.0, type: pair.1, batch: batch, parallelism: sortParallelism)
            }
            let result =
                columns.isEmpty ? Batch(rowCount: input.batch.rowCount) : Batch(schema: schema, columns: columns)
            output = result.chunked(rows: context.options.batchRowsMax)
        }
        guard let output, position < output.count else { return nil }
        defer { position += 1 }
        return output[position]
    }

    private static func compute(_ window: WindowExpression, type: DataType, batch: Batch, parallelism: Int)
        throws(ExecutionError) -> Column
    {
        let count = batch.rowCount
        var partitionColumns: [Column] = []
        for expression in window.partitionBy {
            partitionColumns.append(try expression.bound(to: batch.schema).evaluate(batch))
        }
        var orderColumns: [Column] = []
        for key in window.orderBy { orderColumns.append(try key.expression.bound(to: batch.schema).evaluate(batch)) }
        let ordering = try WindowOrdering(
            partitionColumns: partitionColumns, orderColumns: orderColumns,
            orderDirections: window.orderBy.map { ($0.ascending, $0.nullsFirst) }, rowCount: count,
            parallelism: parallelism)
        let sorted = ordering.sorted
        let startsPartition = ordering.startsPartition
        let startsPeerGroup = ordering.startsPeerGroup
        // Partition start and peer-group bounds per sorted position.
        var partitionStart = [Int](repeating: 0, count: count)
        var partitionEnd = [Int](repeating: 0, count: count)
        var peerStart = [Int](repeating: 0, count: count)
        var peerEnd = [Int](repeating: 0, count: count)
        var denseRanks = [Int64](repeating: 0, count: count)
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && !startsPartition[end] { end += 1 }
            var peer = start
            var dense: Int64 = 0
            while peer < end {
                var peerLast = peer + 1
                while peerLast < end && !startsPeerGroup[peerLast] { peerLast += 1 }
                dense += 1
                for position in peer..<peerLast {
                    peerStart[position] = peer
                    peerEnd[position] = peerLast
                    denseRanks[position] = dense
                }
                peer = peerLast
            }
            for position in start..<end {
                partitionStart[position] = start
                partitionEnd[position] = end
            }
            start = end
        }
        // Results by sorted position, then put back into row order.
        var inverse = [Int](repeating: 0, count: count)
        for (position, row) in sorted.enumerated() { inverse[row] = position }
        let bySortedPosition: Column
        switch window.function {
        case .rowNumber:
            bySortedPosition = Column(
                type: .int64, values: .int64((0..<count).map { Int64($0 - partitionStart[$0] + 1) }))
        case .rank:
            bySortedPosition = Column(
                type: .int64, values: .int64((0..<count).map { Int64(peerStart[$0] - partitionStart[$0] + 1) }))
        case .denseRank:
            bySortedPosition = Column(type: .int64, values: .int64(denseRanks))
        case .ntile(let buckets):
            bySortedPosition = Column(
                type: .int64,
                values: .int64(
                    (0..<count).map { position in
                        Self.bucket(
                            position - partitionStart[position], of: partitionEnd[position] - partitionStart[position],
                            buckets: buckets)
                    }))
        case .percentRank:
            bySortedPosition = Column(
                type: .float64,
                values: .float64(
                    (0..<count).map { position in
                        let rows = partitionEnd[position] - partitionStart[position]
                        return rows > 1
                            ? Double(peerStart[position] - partitionStart[position]) / Double(rows - 1) : 0
                    }))
        case .cumeDist:
            bySortedPosition = Column(
                type: .float64,
                values: .float64(
                    (0..<count).map { position in
                        Double(peerEnd[position] - partitionStart[position])
                            / Double(partitionEnd[position] - partitionStart[position])
                    }))
        case .nthValue(let argument, let index, let frame):
            let values = try argument.bound(to: batch.schema).evaluate(batch).taking(sorted)
            let rows = (0..<count).map { position -> Int in
                let bounds = frame.bounds(
                    position: position, partition: partitionStart[position]..<partitionEnd[position],
                    peers: peerStart[position]..<peerEnd[position])
                return index <= bounds.count ? bounds.lowerBound + index - 1 : -1
            }
            bySortedPosition = try values.taking(optionalRows: rows)
        case .lag(let argument, let offset, let fallback), .lead(let argument, let offset, let fallback):
            var isLag = false
            if case .lag = window.function { isLag = true }
            let values = try argument.bound(to: batch.schema).evaluate(batch)
            let defaults = try (fallback ?? .literal(.null, type)).bound(to: batch.schema).casting(to: type).evaluate(
                batch)
            let combined = try Column.concatenating([values, defaults], type: type)
            let gather = (0..<count).map { position -> Int in
                let source = isLag ? position - offset : position + offset
                if source >= partitionStart[position] && source < partitionEnd[position] { return sorted[source] }
                return count + sorted[position]
            }
            bySortedPosition = combined.taking(gather)
        case .aggregate(let function, let argument, let frame):
            let values = try argument.map { (expression) throws(ExecutionError) in
                try expression.bound(to: batch.schema).evaluate(batch).taking(sorted)
            }
            var frameStart = [Int](repeating: 0, count: count)
            var frameEnd = [Int](repeating: 0, count: count)
            for position in 0..<count {
                let bounds = frame.bounds(
                    position: position, partition: partitionStart[position]..<partitionEnd[position],
                    peers: peerStart[position]..<peerEnd[position])
                frameStart[position] = bounds.lowerBound
                frameEnd[position] = bounds.upperBound
            }
            bySortedPosition = try FrameAggregation.compute(
                function, values: values, type: type, frameStart: frameStart, frameEnd: frameEnd,
                growing: frame.start == nil)
        }
        return bySortedPosition.taking(inverse)
    }

    /// The 1-based ntile bucket of the row at `offset` in a partition of `rows` rows: the first `rows % buckets`
    /// buckets hold one row more than the others.
    static func bucket(_ offset: Int, of rows: Int, buckets: Int) -> Int64 {
        let size = rows / buckets
        let larger = rows % buckets
        let inLarger = larger * (size + 1)
        if offset < inLarger { return Int64(offset / (size + 1) + 1) }
        return Int64(larger + (offset - inLarger) / size + 1)
    }
}
