import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

extension TableInteropTests {
    @Test func deltalakeReadsOurTableAfterRestoreAndVacuum() throws {
        let scratch = try ScratchDirectory("interop-restore-vacuum")
        var writes = ClockedWrites(scratch)
        let day = ClockedWrites.day
        let start = ClockedWrites.start
        try writes.at(start) { try $0.create(schema: TableRows.schema, partitionColumns: ["day"]) }
        try writes.at(start + day) { try $0.append([TableRows.batch(0..<25, seed: 81)]) }
        try writes.at(start + 2 * day) { try $0.append([TableRows.batch(25..<40, seed: 82)]) }
        try writes.at(start + 3 * day) { try $0.overwrite([TableRows.batch(40..<50, seed: 83)]) }
        try writes.at(start + 4 * day) { try $0.restore(toVersion: 1) }
        let path = scratch.url.appendingPathComponent("t").path
        let restored = try peerRows(path, version: nil, schema: TableRows.schema)
        #expect(restored.version == 4)
        #expect(restored.rows == TableRows.canonical([TableRows.batch(0..<25, seed: 81)]))
        try expectSameRowsAtEveryVersion(scratch, root: "t")

        let report = try writes.at(start + 20 * day) { try $0.vacuum() }
        #expect(!report.files.isEmpty)
        let vacuumed = try peerRows(path, version: nil, schema: TableRows.schema)
        #expect(vacuumed.version == 6)
        #expect(vacuumed.rows == TableRows.canonical([TableRows.batch(0..<25, seed: 81)]))
    }
}
