import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// Checkpoints across engines: we read delta-rs's Parquet checkpoints after its log cleanup, and deltalake reads
/// ours after our log cleanup, row for row at every version still readable.
@Suite struct CheckpointInteropTests {
    @Test func weReadADeltalakeTableWhoseHistoryBeforeItsCheckpointWasCleanedUp() throws {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let scratch = try ScratchDirectory("interop-their-checkpoint")
        let path = scratch.url.appendingPathComponent("t").path
        let output = try PythonPeer.run("delta_checkpoint_table.py", [path, "83"])
        let document = try #require(try JSONParser.parse(output.text).objectValue)
        let latest = try #require(document["version"]?.int64Value)
        let checkpoint = try #require(document["checkpoint"]?.int64Value)
        let log = try #require(document["log"]?.arrayValue).compactMap(\.stringValue)
        #expect(!log.contains(LogFileName.commitName(0)), "deltalake's cleanup left commit 0: \(log)")

        let table = Table(store: scratch.store, root: "t")
        let segment = try LogSegment.build(store: scratch.store, root: "t")
        #expect(segment.checkpoint?.version == checkpoint && segment.checkpoint?.kind == .classic)
        let interop = TableInteropTests()
        for version in checkpoint...latest {
            let scan = try table.scan(version: version)
            #expect(scan.snapshot.skippedCheckpoints.isEmpty)
            let ours = TableRows.canonical(try scan.readAll())
            let peer = try interop.peerRows(path, version: version, schema: scan.schema)
            #expect(peer.version == version)
            #expect(peer.rows == ours, "version \(version)")
            #expect(!ours.isEmpty)
        }
        let snapshot = try table.snapshot(version: checkpoint)
        #expect(snapshot.metadata.partitionColumns == ["region"])
        #expect(!snapshot.tombstones.isEmpty, "the DELETE's removes are in delta-rs's checkpoint")
        #expect(throws: TableLogError.missingCommit(0)) { try table.snapshot(version: checkpoint - 1) }
        // We can keep writing the table, and deltalake reads our commit on top of its checkpoint.
        try table.append([TableRows.regionalBatch(900..<910, seed: 84).projecting([0, 1, 2, 4])])
        let scan = try table.scan()
        #expect(
            try interop.peerRows(path, version: nil, schema: scan.schema).rows
                == TableRows.canonical(try scan.readAll()))
    }

    @Test func deltalakeReadsOurCheckpointedTableAfterOurLogCleanup() throws {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let scratch = try ScratchDirectory("interop-our-checkpoint")
        var writes = ClockedWrites(scratch)
        let day = ClockedWrites.day
        let start = ClockedWrites.start
        let schema = TableRows.regionalBatch(0..<1, seed: 0).schema
        try writes.at(start) {
            try $0.create(schema: schema, partitionColumns: ["region"], properties: ["delta.checkpointInterval": "3"])
        }
        // Versions 1...4 on days 1...4, versions 5...10 forty days later: cleanup keeps versions from 3 on.
        for version in 1...10 {
            let at = start + Int64(version <= 4 ? version : 35 + version) * day
            try writes.at(at) { table in
                switch version {
                case 5:
                    try table.delete(where: [.init("id", .less, .int(12))])
                case 8:
                    try table.overwrite([TableRows.regionalBatch(500..<530, seed: 5)])
                default:
                    let ids = Int64(version * 10)..<Int64(version * 10 + 10)
                    try table.append(
                        [TableRows.regionalBatch(ids, seed: UInt64(version))],
                        txn: TransactionAction(appId: "interop", version: Int64(version)))
                }
            }
        }
        let log = try scratch.store.list(prefix: "t/_delta_log/", after: nil).map(\.path)
        #expect(!log.contains("t/_delta_log/" + LogFileName.commitName(2)))
        #expect(log.contains("t/_delta_log/00000000000000000003.checkpoint.parquet"))
        #expect(log.contains("t/_delta_log/00000000000000000009.checkpoint.parquet"))

        let table = Table(store: scratch.store, root: "t")
        #expect(try table.snapshot().version == 10)
        let path = scratch.url.appendingPathComponent("t").path
        let interop = TableInteropTests()
        for version in Int64(3)...10 {
            let scan = try table.scan(version: version)
            let ours = TableRows.canonical(try scan.readAll())
            let peer = try interop.peerRows(path, version: version, schema: scan.schema)
            #expect(peer.version == version)
            #expect(peer.rows == ours, "version \(version)")
        }
        #expect(throws: TableLogError.missingCommit(0)) { try table.snapshot(version: 2) }
    }
}
