import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeWarehouse

/// One lake load of listings.parquet into an existing PostgreSQL table, in this process: what `lake-bench postgres`
/// spawns. The clock covers opening the Parquet file through the COMMIT: reading and decoding row groups
/// (streamed, one at a time) is inside it, unlike the psycopg peer, which reads its input before the clock.
struct PostgresWorker {
    let dataDirectory: String
    let url: String
    let table: String
    let connections: Int

    func run() throws -> [String: Any] {
        let rssBefore = ProcessMemory.peakResidentKiB()
        let start = ContinuousClock.now
        let store = LocalObjectStore(root: dataDirectory)
        let file = try ParquetFileReader(store: store, path: PostgresSuite.inputName)
        let parts: [LoadPart]
        if connections > 1 {
            // One part per row group, so that the workers share the file.
            parts = (0..<file.rowGroupCount).map { group in
                LoadPart { emit in
                    let reader = try ParquetFileReader(store: store, path: PostgresSuite.inputName)
                    try emit(try reader.readRowGroup(group, columnIndices: try reader.columnIndices(nil)))
                }
            }
        } else {
            parts = [
                LoadPart { emit in
                    var batches = try file.makeBatchReader()
                    while let batch = try batches.next() { try emit(batch) }
                }
            ]
        }
        var options = LoadOptions(createTable: false, connections: connections)
        options.reload = true
        let report = try WarehouseLoader(url: WarehouseURL(url)).load(
            LoadInput(schema: file.schema, parts: parts), into: TableName(table),
            from: LoadSource(identity: "bench:listings", version: 0), options: options)
        let seconds = (ContinuousClock.now - start).seconds
        return [
            "seconds": seconds, "rows": report.rowsLoaded, "rss_before_kb": rssBefore,
            "bytes_sent": report.bytesSent, "connections": report.connections,
        ]
    }
}
