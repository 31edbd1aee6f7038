import LakeColumnar

/// Skips `offset` rows, then passes at most `limit` rows (all when nil). Stops pulling once the limit is reached.
public final class LimitOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private var toSkip: Int
    private var remaining: Int

    public init(_ child: any PhysicalOperator, limit: Int?, offset: Int = 0) {
        precondition(offset >= 0 && (limit ?? 0) >= 0, "negative LIMIT or OFFSET")
        schema = child.schema
        children = [child]
        toSkip = offset
        remaining = limit ?? .max
        label = "Limit \(limit.map(String.init) ?? "all") offset \(offset)"
    }

    public func next() throws(ExecutionError) -> Batch? {
        for _ in 0..<Int.max {
            guard remaining > 0, let batch = try children[0].next() else { return nil }
            if toSkip >= batch.rowCount {
                toSkip -= batch.rowCount
                continue
            }
            let start = toSkip
            let end = start + min(remaining, batch.rowCount - start)
            toSkip = 0
            remaining -= end - start
            return start == 0 && end == batch.rowCount ? batch : batch.slice(start..<end)
        }
        return nil
    }
}
