import LakeColumnar
import LakeParquet

/// Writes a query's rows to one Parquet file, for `lake sql --format parquet --output FILE`.
///
/// The file appears only when every batch was written (the writer removes a partial file on failure). Columns keep
/// the plan's names and types; the writer's default options apply (zstd, statistics, page indexes).
///
/// Spec: spec/cli.md (`lake sql`); spec/parquet.md#writer
enum ParquetResultWriter {
    /// Writes `batches` of `schema` to `path` and returns the rows written.
    /// - Throws: `ParquetError` when the file cannot be written, `OutputError` for a result without columns.
    static func write(schema: Schema, batches: [Batch], toPath path: String) throws -> Int {
        guard !schema.fields.isEmpty else {
            throw OutputError(path: path, reason: "the statement returned no columns, so there is nothing to write")
        }
        // The executor's batches may name or mark columns differently from the plan: the file takes the plan's
        // names, and a column is nullable when the plan says so or when it holds a null.
        var fields = schema.fields
        for (index, field) in fields.enumerated() where !field.isNullable {
            fields[index].isNullable = batches.contains { index < $0.columns.count && $0.columns[index].nullCount > 0 }
        }
        let fileSchema = Schema(fields, metadata: schema.metadata)
        let file = LocalFile(path)
        let writer = try ParquetFileWriter(store: file.store, path: file.name, schema: fileSchema)
        var rows = 0
        do {
            for batch in batches where batch.rowCount > 0 {
                guard batch.columns.map(\.type) == fileSchema.fields.map(\.type) else {
                    throw OutputError(
                        path: path, reason: "a result batch's column types differ from the statement's schema")
                }
                try writer.write(Batch(schema: fileSchema, columns: batch.columns))
                rows += batch.rowCount
            }
            _ = try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        return rows
    }
}
