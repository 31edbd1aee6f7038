import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import Testing

@Suite struct TableVacuumTests {
    let day = ClockedWrites.day
    let start = ClockedWrites.start

    /// Versions: 0 create (day 0), 1 append A (day 1), 2 overwrite with B (day 2), 3 overwrite with C (day 10);
    /// an orphan from a failed commit at day 3 and one at day 11, a hidden file and a temp folder at day 0.
    func buildTable(_ scratch: ScratchDirectory) throws -> (writes: ClockedWrites, a: [String], b: [String]) {
        var writes = ClockedWrites(scratch)
        try writes.at(start) { try $0.create(schema: TableRows.schema) }
        try writes.at(start + day) { try $0.append([TableRows.batch(0..<20, seed: 51)]) }
        try writes.at(start + 2 * day) { try $0.overwrite([TableRows.batch(20..<30, seed: 52)]) }
        try writes.at(start + 3 * day) { table in
            _ = try table.prepareWrite(.append, [TableRows.batch(90..<95, seed: 53)])  // never committed
        }
        try writes.at(start + 10 * day) { try $0.overwrite([TableRows.batch(30..<40, seed: 54)]) }
        try writes.at(start + 11 * day) { table in
            _ = try table.prepareWrite(.append, [TableRows.batch(95..<99, seed: 55)])  // never committed
        }
        try scratch.store.put("t/_lake_tmp/scratch.bin", [1, 2, 3])
        try scratch.store.put("t/.hidden", [4])
        try writes.stampNewObjects(start)
        let table = writes.table(at: start)
        let a = try table.snapshot(version: 1).files.map(\.path)
        let b = try table.snapshot(version: 2).files.map(\.path)
        return (writes, a, b)
    }

    func dataFiles(_ scratch: ScratchDirectory) throws -> Set<String> {
        Set(try scratch.store.list(prefix: "t/", after: nil).map { String($0.path.dropFirst(2)) })
    }

    @Test func dryRunListsUnreachableFilesAndOrphansWithoutDeleting() throws {
        let scratch = try ScratchDirectory("vacuum-dry-run")
        let (writes, a, _) = try buildTable(scratch)
        let table = writes.table(at: start + 12 * day)
        let before = try dataFiles(scratch)
        let orphan = try #require(
            try scratch.store.list(prefix: "t/", after: nil).first { info in
                info.modifiedMillis == start + 3 * day && !info.path.contains("_delta_log")
            })
        let report = try table.vacuum(dryRun: true)
        #expect(report.isDryRun)
        #expect(Set(report.files.map(\.path)) == Set(a + [String(orphan.path.dropFirst(2))]))
        #expect(report.totalBytes == report.files.reduce(0) { $0 + $1.sizeBytes } && report.totalBytes > 0)
        #expect(report.cutoffMillis == start + 5 * day)
        #expect(try dataFiles(scratch) == before)
        #expect(try table.snapshot().version == 3)
    }

    @Test func vacuumKeepsEveryFileOfVersionsCurrentInsideTheWindow() throws {
        let scratch = try ScratchDirectory("vacuum-real")
        let (writes, a, b) = try buildTable(scratch)
        let table = writes.table(at: start + 12 * day)
        let expectedRows = TableRows.canonical(try table.scan(version: 2).readAll())
        let report = try table.vacuum()
        #expect(!report.isDryRun && report.files.count == a.count + 1)
        let remaining = try dataFiles(scratch)
        #expect(a.allSatisfy { !remaining.contains($0) })
        #expect(b.allSatisfy { remaining.contains($0) })
        #expect(remaining.contains("_lake_tmp/scratch.bin") && remaining.contains(".hidden"))
        #expect(remaining.filter { $0.hasPrefix("part-") }.count == b.count + 1 + 1)  // B, C and the day-11 orphan
        #expect(TableRows.canonical(try table.scan(version: 2).readAll()) == expectedRows)
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 10)
        #expect(throws: TableLogError.self) { try table.scan(version: 1).readAll() }
        #expect(throws: TableLogError.restoreFileMissing(a[0])) { try table.restore(toVersion: 1) }
        let history = try table.history(limit: 2)
        #expect(history.map(\.operation) == ["VACUUM END", "VACUUM START"])
        #expect(history[0].operationMetrics["numDeletedFiles"]?.stringValue == String(a.count + 1))
        #expect(history[1].operationParameters["specifiedRetentionMillis"]?.int64Value == Int64(168 * 3_600_000))

        let again = try table.vacuum()
        #expect(again.files.isEmpty)
        #expect(try table.snapshot().version == 5)
    }

    @Test func shortRetentionIsRefusedUnlessAllowed() throws {
        let scratch = try ScratchDirectory("vacuum-short")
        let (writes, a, b) = try buildTable(scratch)
        let table = writes.table(at: start + 12 * day)
        #expect(
            throws: TableLogError.retentionTooShort(requestedMillis: 24 * 3_600_000, minimumMillis: 168 * 3_600_000)
        ) {
            try table.vacuum(retentionHours: 24)
        }
        #expect(throws: TableLogError.self) { try table.vacuum(retentionHours: -1, allowShortRetention: true) }
        let report = try table.vacuum(retentionHours: 0, dryRun: true, allowShortRetention: true)
        let paths = Set(report.files.map(\.path))
        #expect(Set(a + b).isSubset(of: paths))
        #expect(paths.count == a.count + b.count + 2)
        #expect(try table.snapshot().files.allSatisfy { !paths.contains($0.path) })
    }

    @Test func tableRetentionPropertySetsTheDefaultWindow() throws {
        let scratch = try ScratchDirectory("vacuum-property")
        var writes = ClockedWrites(scratch)
        try writes.at(start) {
            try $0.create(
                schema: TableRows.schema, properties: ["delta.deletedFileRetentionDuration": "interval 2 days"])
        }
        try writes.at(start + day) { try $0.append([TableRows.batch(0..<5, seed: 56)]) }
        try writes.at(start + 2 * day) { try $0.overwrite([TableRows.batch(5..<9, seed: 57)]) }
        let table = writes.table(at: start + 5 * day)
        let report = try table.vacuum(dryRun: true)
        #expect(report.retentionMillis == 2 * day)
        #expect(Set(report.files.map(\.path)) == Set(try table.snapshot(version: 1).files.map(\.path)))
        #expect(throws: TableLogError.retentionTooShort(requestedMillis: day, minimumMillis: 2 * day)) {
            try table.vacuum(retentionHours: 24)
        }
    }

    @Test func partitionDirectoriesStartingWithAnUnderscoreAreVacuumed() throws {
        let scratch = try ScratchDirectory("vacuum-underscore-partition")
        var writes = ClockedWrites(scratch)
        let schema = Schema(TableRows.schema.fields + [Field("_bucket", .utf8)])
        func batch(_ ids: Range<Int64>, seed: UInt64) -> Batch {
            let base = TableRows.batch(ids, seed: seed)
            var bucket = ColumnBuilder(type: .utf8)
            for id in ids { try? bucket.append(.string("b\(id % 2)")) }
            return Batch(schema: schema, columns: base.columns + [bucket.build()])
        }
        try writes.at(start) { try $0.create(schema: schema, partitionColumns: ["_bucket"]) }
        try writes.at(start + day) { try $0.append([batch(0..<6, seed: 58)]) }
        try writes.at(start + 2 * day) { try $0.overwrite([batch(6..<12, seed: 59)]) }
        let table = writes.table(at: start + 20 * day)
        let old = try table.snapshot(version: 1).files.map(\.path)
        #expect(old.allSatisfy { $0.hasPrefix("_bucket=") })
        #expect(Set(try table.vacuum().files.map(\.path)) == Set(old))
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 6)
    }
}
