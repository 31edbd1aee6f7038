import LakeColumnar

/// Where a plan's input comes from: Parquet scans, table scans, in-memory batches.
///
/// Contract: every batch has exactly `schema` (same field types and order); `nextBatch()` returns nil at the end
/// and keeps returning nil afterwards. Errors are the implementer's own; the scan operator wraps them in
/// `ExecutionError.sourceFailed`.
///
/// Spec: spec/executor.md (operators: scan)
public protocol BatchSource {
    var schema: Schema { get }
    mutating func nextBatch() throws -> Batch?
}

/// A source over batches already in memory.
public struct InMemoryBatchSource: BatchSource, Sendable {
    public let schema: Schema
    private let batches: [Batch]
    private var position = 0

    /// - Precondition: every batch has `schema`'s field types.
    public init(schema: Schema, batches: [Batch]) {
        for batch in batches where !batch.columns.isEmpty {
            precondition(batch.schema.fields.map(\.type) == schema.fields.map(\.type), "batch does not match schema")
        }
        self.schema = schema
        self.batches = batches
    }

    public mutating func nextBatch() -> Batch? {
        guard position < batches.count else { return nil }
        defer { position += 1 }
        return batches[position]
    }
}
