import LakeColumnar

/// Passes the first occurrence of each distinct row (nulls equal each other), in input order.
public final class DistinctOperator: PhysicalOperator {
    public let schema: Schema
    public let label = "Distinct"
    public let children: [any PhysicalOperator]
    private let context: ExecutionContext
    private var seen = KeyHashTable()
    private var reservedBytes = 0

    public init(_ child: any PhysicalOperator, context: ExecutionContext) {
        schema = child.schema
        children = [child]
        self.context = context
    }

    deinit { context.memory.release(reservedBytes) }

    public func next() throws(ExecutionError) -> Batch? {
        while let batch = try children[0].next() {
            let keys = try RowKeyEncoder.encode(batch.columns, rowCount: batch.rowCount)
            let (_, inserted) = try seen.insert(keys)
            let rows = inserted.indices.filter { inserted[$0] }
            let added = seen.estimatedBytes - reservedBytes
            try context.memory.reserve(added, for: "distinct")
            reservedBytes += max(0, added)
            if rows.isEmpty { continue }
            return rows.count == batch.rowCount ? batch : batch.taking(rows)
        }
        return nil
    }
}
