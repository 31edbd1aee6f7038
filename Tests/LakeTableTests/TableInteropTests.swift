import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// Tables we write read by the `deltalake` Python package, and tables it writes read by `TableScan`, compared row
/// by row at every version (`Tests/interop/delta_read_table.py`).
@Suite struct TableInteropTests {
    /// The rows deltalake reads at `version` (the latest when nil), in `TableRows.canonical` form.
    func peerRows(_ path: String, version: Int64?, schema: Schema) throws -> (version: Int64, rows: [[String: String]])
    {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        var arguments = [path]
        if let version { arguments += ["--version", String(version)] }
        let output = try PythonPeer.run("delta_read_table.py", arguments)
        let document = try #require(try JSONParser.parse(output.text).objectValue)
        let rows = try #require(document["rows"]?.arrayValue)
        return (try #require(document["version"]?.int64Value), TableRows.canonical(peerRows: rows, schema: schema))
    }

    /// Checks that deltalake and `TableScan` read the same rows at every version of the table at `root`.
    func expectSameRowsAtEveryVersion(_ scratch: ScratchDirectory, root: String) throws {
        let table = Table(store: scratch.store, root: root)
        let latest = try table.snapshot().version
        let path = scratch.url.appendingPathComponent(root).path
        for version in 0...latest {
            let scan = try table.scan(version: version)
            let ours = TableRows.canonical(try scan.readAll())
            let peer = try peerRows(path, version: version, schema: scan.schema)
            #expect(peer.version == version)
            #expect(peer.rows == ours, "version \(version)")
        }
        #expect(try peerRows(path, version: nil, schema: table.scan().schema).version == latest)
    }

    @Test func deltalakeReadsOurPlainTableAtEveryVersion() throws {
        let scratch = try ScratchDirectory("interop-ours-plain")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, name: "plain")
        try table.append([TableRows.batch(0..<40, seed: 61)])
        try table.append([TableRows.batch(40..<70, seed: 62), TableRows.batch(70..<75, seed: 63)])
        try table.overwrite([TableRows.batch(500..<530, seed: 64)])
        try table.append([TableRows.batch(600..<610, seed: 65)], txn: TransactionAction(appId: "lake", version: 1))
        try expectSameRowsAtEveryVersion(scratch, root: "t")
        let expected = TableRows.canonical([TableRows.batch(500..<530, seed: 64), TableRows.batch(600..<610, seed: 65)])
        #expect(
            try peerRows(scratch.url.appendingPathComponent("t").path, version: nil, schema: TableRows.schema).rows
                == expected)
    }

    @Test func deltalakeReadsOurPartitionedTableAtEveryVersion() throws {
        let scratch = try ScratchDirectory("interop-ours-partitioned")
        let table = Table(store: scratch.store, root: "t")
        let schema = TableRows.regionalBatch(0..<1, seed: 0).schema
        try table.create(schema: schema, partitionColumns: ["region", "day"])
        try table.append([TableRows.regionalBatch(0..<30, seed: 66)])
        try table.append([TableRows.regionalBatch(30..<45, seed: 67)])
        try table.overwrite([TableRows.regionalBatch(100..<120, seed: 68)])
        try expectSameRowsAtEveryVersion(scratch, root: "t")
    }

    @Test(arguments: ["history", "partitioned"])
    func weReadTablesWrittenByDeltalakeAtEveryVersion(name: String) throws {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let scratch = try ScratchDirectory("interop-theirs-\(name)")
        _ = try PythonPeer.run("delta_write_table.py", [scratch.url.appendingPathComponent("t").path, name, "71"])
        try expectSameRowsAtEveryVersion(scratch, root: "t")
    }
}
