import LakeColumnar

/// Leaf operator: adapts a `BatchSource` (Parquet file, table scan, in-memory batches).
///
/// - Throws from `next()`: `sourceFailed` with the source's error text; `typeMismatch` when a batch does not have
///   the declared schema's types.
public final class ScanOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public var children: [any PhysicalOperator] { [] }
    private var source: any BatchSource

    public init(_ source: any BatchSource, name: String = "source") {
        self.source = source
        schema = source.schema
        label = "Scan \(name) [\(source.schema.fields.map(\.name).joined(separator: ", "))]"
    }

    public func next() throws(ExecutionError) -> Batch? {
        let batch: Batch?
        do {
            batch = try source.nextBatch()
        } catch {
            throw .sourceFailed(String(describing: error))
        }
        guard let batch else { return nil }
        if batch.columns.isEmpty && schema.fields.isEmpty { return batch }
        guard batch.schema.fields.map(\.type) == schema.fields.map(\.type) else {
            throw .typeMismatch(
                "source batch has types \(batch.schema.fields.map(\.type)), expected \(schema.fields.map(\.type))")
        }
        return batch.schema == schema ? batch : Batch(schema: schema, columns: batch.columns)
    }
}
