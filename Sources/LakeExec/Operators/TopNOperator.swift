import LakeColumnar

/// The first `limit` rows (after `offset`) of the sort order, holding at most offset + limit rows plus one input
/// batch at a time: ORDER BY ... LIMIT without sorting everything.
public final class TopNOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private let keys: [BoundExpression]
    private let directions: [(ascending: Bool, nullsFirst: Bool)]
    private let limit: Int
    private let offset: Int
    private let context: ExecutionContext
    private var output: [Batch]? = nil
    private var position = 0

    public init(_ child: any PhysicalOperator, keys: [SortKey], limit: Int, offset: Int = 0, context: ExecutionContext)
        throws(ExecutionError)
    {
        precondition(limit >= 0 && offset >= 0, "negative LIMIT or OFFSET")
        var bound: [BoundExpression] = []
        for key in keys { bound.append(try key.expression.bound(to: child.schema)) }
        self.keys = bound
        directions = keys.map { ($0.ascending, $0.nullsFirst) }
        self.limit = limit
        self.offset = offset
        self.context = context
        schema = child.schema
        children = [child]
        label = "TopN \(limit) offset \(offset) by " + keys.map(\.text).joined(separator: ", ")
    }

    public func next() throws(ExecutionError) -> Batch? {
        if output == nil {
            let keep = offset + limit
            var held: Batch? = nil
            while let batch = try children[0].next() {
                guard keep > 0, batch.rowCount > 0 else { continue }
                var candidates = batch
                if let held, held.rowCount == keep {
                    // Only rows that sort strictly before the current last kept row can enter (ties lose to the
                    // earlier row), so most batches shrink to nothing before any sorting.
                    let rows = try rowsBefore(held.slice((keep - 1)..<keep), in: batch)
                    if rows.isEmpty { continue }
                    candidates = rows.count == batch.rowCount ? batch : batch.taking(rows)
                }
                var merged = candidates
                if let held { merged = try Batch.concatenating([held, candidates], schema: schema) }
                let sorted = try SortOperator.sort(merged, keys: keys, directions: directions)
                held = sorted.rowCount > keep ? sorted.slice(0..<keep) : sorted
            }
            var result: [Batch] = []
            if let held, held.rowCount > offset {
                result = held.slice(offset..<held.rowCount).chunked(rows: context.options.batchRowsMax)
            }
            output = result
        }
        guard let output, position < output.count else { return nil }
        defer { position += 1 }
        return output[position]
    }

    /// Rows of `batch` whose keys sort strictly before the single row of `boundary`.
    private func rowsBefore(_ boundary: Batch, in batch: Batch) throws(ExecutionError) -> [Int] {
        var columns: [Column] = []
        for key in keys {
            let parts = [try key.evaluate(boundary), try key.evaluate(batch)]
            columns.append(try Column.concatenating(parts, type: key.type))
        }
        let comparator = try RowComparator(columns: columns, directions: directions)
        return (0..<batch.rowCount).filter { comparator.compare($0 + 1, 0) < 0 }
    }
}
