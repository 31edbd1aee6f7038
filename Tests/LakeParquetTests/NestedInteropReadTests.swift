import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Nested files other engines write: a delta-rs checkpoint reads as pyarrow reads it, and writing its batches
/// back gives a file pyarrow and DuckDB read identically.
@Suite("Parquet interop: nested files peers write")
struct NestedInteropReadTests {
    @Test("a delta-rs checkpoint reads as pyarrow reads it and round-trips through this writer")
    func deltaRsCheckpoint() throws {
        try PythonPeer.requireModules(PythonPeer.peerModules + ["deltalake"])
        let directory = try ScratchDirectory("delta-rs-checkpoint")
        let table = directory.file("table")
        let output = try PythonPeer.run("delta_checkpoint_parquet.py", [table.path])
        let checkpoint = URL(fileURLWithPath: output.text.trimmingCharacters(in: .whitespacesAndNewlines))
        let store = LocalObjectStore(root: checkpoint.deletingLastPathComponent().path)
        let reader = try ParquetFileReader(store: store, path: checkpoint.lastPathComponent)
        let batches = try reader.readAll()
        let dump = CanonicalDump(batches: batches, schema: reader.schema)
        let expected = try PythonPeer.dump(checkpoint)
        let differences = dump.differences(from: expected)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(reader.schema.fields.map(\.name).starts(with: ["add", "remove", "metaData", "protocol", "txn"]))

        let rewritten = try WrittenFile.write(
            batches, schema: reader.schema, options: ParquetWriteOptions(), name: "rewritten.parquet", in: directory)
        try WrittenFileCheck.verify([rewritten], checks: [.pyarrow, .duckdb, .ownReader])
        try NestedInteropWriteTests.expectLeafStatisticsMatchPyarrow([rewritten.url])
    }
}
