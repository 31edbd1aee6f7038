import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// Tables written by the `deltalake` Python package (delta-rs), read by `Snapshot` and compared with what
/// deltalake itself reports (`Tests/interop/delta_write_table.py`).
@Suite struct DeltaInteropTests {
    struct Expected: Decodable {
        struct File: Decodable {
            var path: String
            var size: Int64
            var numRecords: Int64
            var partitionValues: [String: String?]
        }
        var version: Int64
        var partitionColumns: [String]
        var files: [File]
        var txn: [String: Int64]
    }

    func writeTable(_ name: String, seed: Int) throws -> (ScratchDirectory, Expected) {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let scratch = try ScratchDirectory("interop-\(name)")
        let tablePath = scratch.url.appendingPathComponent("t").path
        let output = try PythonPeer.run("delta_write_table.py", [tablePath, name, String(seed)])
        let expected = try JSONDecoder().decode(Expected.self, from: output.standardOutput)
        return (scratch, expected)
    }

    func check(_ snapshot: Snapshot, against expected: Expected) throws {
        #expect(snapshot.version == expected.version)
        #expect(snapshot.metadata.partitionColumns == expected.partitionColumns)
        #expect(snapshot.files.map(\.path) == expected.files.map(\.path))
        #expect(snapshot.files.map(\.add.size) == expected.files.map(\.size))
        #expect(snapshot.transactions.mapValues(\.version) == expected.txn)
        let columnar = try snapshot.schema.columnarSchema(
            projecting: snapshot.schema.fields.map(\.name).filter { $0 != "point" && $0 != "tags" })
        for (file, expectedFile) in zip(snapshot.files, expected.files) {
            let stats = try #require(file.add.stats)
            let statistics = try #require(FileStatistics(parsing: stats, schema: columnar))
            #expect(statistics.numRecords == expectedFile.numRecords)
            #expect(file.add.partitionValues == expectedFile.partitionValues)
        }
    }

    @Test func readsAppendsOverwriteDeleteAndTxnWrittenByDeltaRs() throws {
        let (scratch, expected) = try writeTable("history", seed: 11)
        let store = scratch.store
        let snapshot = try Snapshot.load(store: store, root: "t")
        try check(snapshot, against: expected)
        #expect(snapshot.metadata.name == "history" && snapshot.metadata.description == "lake test")
        #expect(snapshot.commitInfo?.operation == "DELETE")
        #expect(!snapshot.tombstones.isEmpty)
        let afterAppends = try Snapshot.load(store: store, root: "t", version: 2)
        #expect(afterAppends.files.count == 3 && afterAppends.transactionVersion(appId: "lake-test") == 7)
        #expect(try Snapshot.load(store: store, root: "t", version: 1).transactions.isEmpty)
    }

    @Test func readsPartitionedTableWithEscapedAndNullValues() throws {
        let (scratch, expected) = try writeTable("partitioned", seed: 12)
        let snapshot = try Snapshot.load(store: scratch.store, root: "t")
        try check(snapshot, against: expected)
        let schema = try snapshot.schema.columnarSchema()
        for file in snapshot.files {
            for column in snapshot.metadata.partitionColumns {
                let type = try #require(schema.fields.first { $0.name == column }?.type)
                let value = try PartitionValueCodec.parse(
                    file.add.partitionValues[column] ?? nil, as: type, column: column)
                let text = try PartitionValueCodec.serialize(value, as: type, column: column)
                #expect(text == file.add.partitionValues[column] ?? nil)
            }
            let directories = snapshot.metadata.partitionColumns.map { column in
                PartitionValueCodec.directoryName(column: column, value: file.add.partitionValues[column] ?? nil)
            }
            #expect(file.path.hasPrefix(directories.joined(separator: "/") + "/"), "\(file.path)")
            #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("t/" + file.path).path))
        }
    }

    @Test func readsTableWithNestedColumnsAsDeltalakeDoes() throws {
        let (scratch, expected) = try writeTable("nested", seed: 13)
        let snapshot = try Snapshot.load(store: scratch.store, root: "t")
        try check(snapshot, against: expected)
        #expect(
            try snapshot.schema.columnarSchema(projecting: ["id", "point", "tags"]).fields.map(\.type) == [
                .int64, .struct([Field("x", .float64), Field("y", .float64)]), .list(Field("element", .utf8)),
            ])
        #expect(try DeltaSchema(parsing: snapshot.schema.jsonString()) == snapshot.schema)
        let scan = try Table(store: scratch.store, root: "t").scan()
        let peer = try TableInteropTests().peerRows(
            scratch.url.appendingPathComponent("t").path, version: nil, schema: scan.schema)
        #expect(peer.rows == TableRows.canonical(try scan.readAll()))
    }
}
