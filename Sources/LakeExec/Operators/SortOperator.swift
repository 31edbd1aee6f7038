import LakeColumnar

/// Sorts all input rows by the keys (stable: ties keep input order) and emits them in batches of at most
/// `batchRowsMax` rows. Holds the whole input, counted against the memory budget.
public final class SortOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private let keys: [BoundExpression]
    private let directions: [(ascending: Bool, nullsFirst: Bool)]
    private let context: ExecutionContext
    private var output: [Batch]? = nil
    private var position = 0
    private var reservedBytes = 0

    public init(_ child: any PhysicalOperator, keys: [SortKey], context: ExecutionContext) throws(ExecutionError) {
        var bound: [BoundExpression] = []
        for key in keys { bound.append(try key.expression.bound(to: child.schema)) }
        self.keys = bound
        directions = keys.map { ($0.ascending, $0.nullsFirst) }
        schema = child.schema
        children = [child]
        self.context = context
        label = "Sort " + keys.map(\.text).joined(separator: ", ")
    }

    deinit { context.memory.release(reservedBytes) }

    public func next() throws(ExecutionError) -> Batch? {
        if output == nil {
            let all = try MaterializedInput.collect(children[0], context: context, operatorName: "sort")
            reservedBytes += all.reservedBytes
            let sorted = try SortOperator.sort(
                all.batch, keys: keys, directions: directions, parallelism: context.options.parallelism)
            output = sorted.chunked(rows: context.options.batchRowsMax)
        }
        guard let output, position < output.count else { return nil }
        defer { position += 1 }
        return output[position]
    }

    static func sort(
        _ batch: Batch, keys: [BoundExpression], directions: [(ascending: Bool, nullsFirst: Bool)], parallelism: Int = 1
    ) throws(ExecutionError) -> Batch {
        guard batch.rowCount > 1, !keys.isEmpty else { return batch }
        var columns: [Column] = []
        for key in keys { columns.append(try key.evaluate(batch)) }
        if let fixed = FixedWidthSortKeys(columns: columns, directions: directions, rowCount: batch.rowCount) {
            return batch.taking(try fixed.sortedRows(parallelism: parallelism))
        }
        let keys = try NormalizedSortKeys(columns: columns, directions: directions, rowCount: batch.rowCount)
        return batch.taking(keys.sortedRows())
    }
}

/// Everything a child produces as one batch, with the bytes reserved for it.
enum MaterializedInput {
    static func collect(_ child: any PhysicalOperator, context: ExecutionContext, operatorName: String)
        throws(ExecutionError) -> (batch: Batch, reservedBytes: Int)
    {
        var batches: [Batch] = []
        var reserved = 0
        do throws(ExecutionError) {
            while let batch = try child.next() {
                let bytes = batch.estimatedBytes
                try context.memory.reserve(bytes, for: operatorName)
                reserved += bytes
                batches.append(batch)
            }
            // Concatenation copies once more.
            let total = reserved
            try context.memory.reserve(total, for: operatorName)
            reserved += total
            let batch = try Batch.concatenating(batches, schema: child.schema)
            context.memory.release(total)
            reserved -= total
            return (batch, reserved)
        } catch {
            context.memory.release(reserved)
            throw error
        }
    }
}
