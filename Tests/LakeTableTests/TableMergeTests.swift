import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

/// `merge(_:on:mode:)`: insert-missing and upsert by key.
@Suite struct TableMergeTests {
    /// A table holding ids 0..<30 in three files of ten consecutive ids each (versions 1, 2, 3).
    static func threeFileTable(_ scratch: ScratchDirectory, properties: [String: String] = [:]) throws -> Table {
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, properties: properties)
        for index in 0..<3 {
            let start = Int64(index) * 10
            try table.append([TableRows.batch(start..<start + 10, seed: UInt64(700 + index))])
        }
        return table
    }

    static func rowsById(_ table: Table, version: Int64? = nil) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for row in TableRows.canonical(try table.scan(version: version).readAll()) { result[row["id"] ?? ""] = row }
        return result
    }

    static func metric(_ table: Table, _ name: String) throws -> String? {
        try table.snapshot().commitInfo?.json["operationMetrics"]?.objectValue?[name]?.int64Value.map { String($0) }
    }

    @Test func insertMissingAppendsOnlyAbsentKeysAndRemovesNothing() throws {
        let scratch = try ScratchDirectory("merge-insert-missing")
        let table = try Self.threeFileTable(scratch)
        let before = try Self.rowsById(table)
        let source = TableRows.batch(25..<35, seed: 710)
        #expect(try table.merge([source], on: ["id"], mode: .insertMissing) == .committed(version: 4))
        let after = try Self.rowsById(table)
        #expect(after.count == 35)
        for id in 0..<30 { #expect(after["i:\(id)"] == before["i:\(id)"], "existing row \(id) unchanged") }
        let inserted = TableRows.canonical([source]).filter { ($0["id"] ?? "") >= "i:30" }
        for row in inserted { #expect(after[row["id"] ?? ""] == row) }
        let snapshot = try table.snapshot()
        #expect(snapshot.commitInfo?.operation == "MERGE")
        #expect(snapshot.tombstones.isEmpty)
        #expect(try Self.metric(table, "num_target_rows_inserted") == "5")
        #expect(try Self.metric(table, "num_target_rows_updated") == "0")
        // Merging the same source again changes nothing.
        #expect(try table.merge([source], on: ["id"], mode: .insertMissing) == nil)
    }

    @Test func upsertRewritesOnlyFilesHoldingMatchedKeys() throws {
        let scratch = try ScratchDirectory("merge-upsert")
        let table = try Self.threeFileTable(scratch)
        let before = try table.snapshot()
        let before0 = try Self.rowsById(table)
        let source = TableRows.batch(15..<22, seed: 711)  // keys 15..<20 in file 2, 20, 21 in file 3, none new
        let extra = TableRows.batch(40..<42, seed: 712)
        #expect(try table.merge([source, extra], on: ["id"], mode: .upsert) == .committed(version: 4))
        let after = try table.snapshot()
        let removed = Set(before.files.map(\.path)).subtracting(after.files.map(\.path))
        let firstFile = try #require(
            before.files.first { file in
                file.add.stats?.contains("\"minValues\":{\"id\":0") == true
            })
        #expect(removed.count == 2)
        #expect(!removed.contains(firstFile.path), "the file with ids 0..<10 is untouched")
        let rows = try Self.rowsById(table)
        #expect(rows.count == 32)
        for row in TableRows.canonical([source, extra]) { #expect(rows[row["id"] ?? ""] == row) }
        for id in Array(0..<15) + Array(22..<30) { #expect(rows["i:\(id)"] == before0["i:\(id)"]) }
        #expect(try Self.metric(table, "num_target_rows_updated") == "7")
        #expect(try Self.metric(table, "num_target_rows_inserted") == "2")
        #expect(try Self.metric(table, "num_target_rows_copied") == "13")
        #expect(try Self.metric(table, "num_target_files_removed") == "2")
        // Older versions are unchanged.
        #expect(try Self.rowsById(table, version: 3) == before0)
    }

    @Test func upsertWithSomeColumnsKeepsTheOthers() throws {
        let scratch = try ScratchDirectory("merge-upsert-partial")
        let table = try Self.threeFileTable(scratch)
        let before = try Self.rowsById(table)
        var id = ColumnBuilder(type: .int64)
        var name = ColumnBuilder(type: .utf8)
        for key in [Int64(3), 50] {
            try id.append(.int(key))
            try name.append(.string("renamed \(key)"))
        }
        let source = Batch(
            schema: Schema([Field("id", .int64, nullable: false), Field("name", .utf8)]),
            columns: [id.build(), name.build()])
        try table.merge([source], on: ["id"], mode: .upsert)
        let rows = try Self.rowsById(table)
        var expected3 = try #require(before["i:3"])
        expected3["name"] = "s:renamed 3"
        #expect(rows["i:3"] == expected3)
        #expect(rows["i:50"] == ["id": "i:50", "name": "s:renamed 50", "price": "null", "day": "null"])
    }

    @Test func duplicateSourceKeysAreAnError() throws {
        let scratch = try ScratchDirectory("merge-duplicates")
        let table = try Self.threeFileTable(scratch)
        let source = [TableRows.batch(40..<43, seed: 713), TableRows.batch(42..<44, seed: 714)]
        for mode in MergeMode.allCases {
            let error = #expect(throws: TableLogError.self) { try table.merge(source, on: ["id"], mode: mode) }
            #expect(
                error?.invalidArgumentReason?.contains("duplicate key (id=") == true, "\(String(describing: error))")
        }
        #expect(try table.snapshot().version == 3)
    }

    @Test func keyColumnsMustExist() throws {
        let scratch = try ScratchDirectory("merge-bad-keys")
        let table = try Self.threeFileTable(scratch)
        let source = TableRows.batch(40..<41, seed: 715)
        let unknown = #expect(throws: TableLogError.self) { try table.merge([source], on: ["nope"], mode: .upsert) }
        #expect(unknown?.invalidArgumentReason?.contains("\"nope\"") == true)
        let none = #expect(throws: TableLogError.self) { try table.merge([source], on: [], mode: .upsert) }
        #expect(none?.invalidArgumentReason != nil)
    }

    @Test func keyRangeSkipsFilesWithoutReadingThem() throws {
        let scratch = try ScratchDirectory("merge-skipping")
        let table = try Self.threeFileTable(scratch)
        // Make the first file unreadable: a merge whose keys lie outside its id range must not open it.
        let first = try #require(
            try table.snapshot().files.first { $0.add.stats?.contains("\"minValues\":{\"id\":0") == true })
        try scratch.store.put("t/" + first.path, Array("not parquet".utf8))
        #expect(try table.merge([TableRows.batch(12..<14, seed: 716)], on: ["id"], mode: .upsert) != nil)
        #expect(throws: TableLogError.self) {
            try table.merge([TableRows.batch(5..<6, seed: 717)], on: ["id"], mode: .insertMissing)
        }
    }

    @Test func mergeOnAPartitionedTableByTwoKeysWhereNullKeysNeverMatch() throws {
        let scratch = try ScratchDirectory("merge-partitioned")
        let table = Table(store: scratch.store, root: "t")
        let schema = TableRows.regionalBatch(0..<1, seed: 0).schema
        try table.create(schema: schema, partitionColumns: ["region"])
        let target = TableRows.regionalBatch(0..<20, seed: 718)
        try table.append([target])
        let source = TableRows.regionalBatch(16..<24, seed: 719)
        try table.merge([source], on: ["id", "region"], mode: .upsert)
        // Ids 16, 17, 19 match (regions eu, us, "c d/e") and are updated; id 18 has a NULL region, which never
        // equals anything, so the source row is inserted next to the table's.
        let expected =
            TableRows.canonical([target]).filter { row in
                !["i:16", "i:17", "i:19"].contains(row["id"] ?? "")
            } + TableRows.canonical([source])
        let rows = TableRows.canonical(try table.scan().readAll())
        #expect(rows.count == 25)
        func text(_ row: [String: String]) -> String {
            row.keys.sorted().map { "\($0)=\(row[$0] ?? "")" }.joined(separator: ",")
        }
        #expect(rows.map(text).sorted() == expected.map(text).sorted())
        #expect(try Self.metric(table, "num_target_rows_updated") == "3")
        #expect(try Self.metric(table, "num_target_rows_inserted") == "5")
    }

    @Test func concurrentMergesOfTheSameKeysConflict() throws {
        let scratch = try ScratchDirectory("merge-race")
        let table = try Self.threeFileTable(scratch)
        let first = try #require(try table.prepareMerge([TableRows.batch(5..<7, seed: 720)], on: ["id"], mode: .upsert))
        try table.merge([TableRows.batch(6..<8, seed: 721)], on: ["id"], mode: .upsert)
        #expect(throws: TableLogError.self) { try first.commit() }
        #expect(try table.snapshot().version == 4)
    }

    @Test func mergeCommitsAfterAConcurrentMergeOfDisjointFiles() throws {
        let scratch = try ScratchDirectory("merge-race-disjoint")
        let table = try Self.threeFileTable(scratch)
        let first = try #require(try table.prepareMerge([TableRows.batch(5..<7, seed: 722)], on: ["id"], mode: .upsert))
        try table.merge([TableRows.batch(25..<27, seed: 723)], on: ["id"], mode: .upsert)
        #expect(try first.commit() == .committed(version: 5))
        #expect(try Self.rowsById(table).count == 30)
    }

    @Test func mergeConflictsWithAConcurrentNonBlindAddInItsKeyRange() throws {
        let scratch = try ScratchDirectory("merge-race-range")
        let table = try Self.threeFileTable(scratch)
        let merge = try #require(
            try table.prepareMerge([TableRows.batch(40..<42, seed: 724)], on: ["id"], mode: .insertMissing))
        // An overwrite is not a blind append: its rows may hold the keys the merge found missing.
        try table.overwrite([TableRows.batch(41..<45, seed: 725)])
        #expect(throws: TableLogError.self) { try merge.commit() }
    }
}
