import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeSession
import LakeTable

/// A fresh lake root under the temporary directory, removed when the value is released, with helpers to put
/// tables and Parquet files in it and to read query results as text rows.
final class TemporaryLake {
    let root: String

    init(_ label: String) throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lake-session-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        root = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func session() throws -> LakeSession { try LakeSession(root: root) }

    /// Creates the Delta table `<root>/<path>` and appends one commit per batch.
    @discardableResult
    func createTable(_ path: String, schema: Schema, partitionColumns: [String] = [], commits: [Batch]) throws
        -> Table
    {
        let table = Table(store: LocalObjectStore(root: root), root: path)
        try table.create(schema: schema, partitionColumns: partitionColumns)
        for batch in commits { try table.append([batch]) }
        return table
    }

    /// Writes `batch` as the Parquet file `<root>/<path>`.
    func writeParquet(_ path: String, _ batch: Batch) throws {
        let writer = try ParquetFileWriter(store: LocalObjectStore(root: root), path: path, schema: batch.schema)
        try writer.write(batch)
        _ = try writer.close()
    }

    /// The rows of a result as text (`NULL` for nulls), in result order.
    static func rows(_ result: QueryResult) -> [[String]] {
        result.batches.flatMap { batch in
            (0..<batch.rowCount).map { row in
                batch.columns.map { ValueFormatter.text($0, row: row) ?? "NULL" }
            }
        }
    }
}

/// A batch from named columns of values (each array one column, all the same length).
func makeBatch(_ columns: [(String, DataType, [Value])]) throws -> Batch {
    let schema = Schema(columns.map { Field($0.0, $0.1, nullable: true) })
    var built: [Column] = []
    for (_, type, values) in columns {
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for value in values { try builder.append(value) }
        built.append(builder.build())
    }
    return Batch(schema: schema, columns: built)
}
