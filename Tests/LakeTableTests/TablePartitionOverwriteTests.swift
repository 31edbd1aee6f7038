import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

/// `overwrite(_:replaceWhere:)`: replacing only the partitions a predicate selects.
@Suite struct TablePartitionOverwriteTests {
    static let schema = TableRows.regionalBatch(0..<1, seed: 0).schema

    /// A table partitioned by `region` holding ids 0..<40 (regions cycle eu, us, NULL, "c d/e").
    static func regionalTable(_ scratch: ScratchDirectory, properties: [String: String] = [:]) throws -> Table {
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: schema, partitionColumns: ["region"], properties: properties)
        try table.append([TableRows.regionalBatch(0..<40, seed: 501)])
        return table
    }

    /// Rows `ids` all in `region`.
    static func rows(_ ids: Range<Int64>, region: String, seed: UInt64) -> Batch {
        let base = TableRows.batch(ids, seed: seed)
        var column = ColumnBuilder(type: .utf8)
        for _ in ids { try? column.append(.string(region)) }
        return Batch(schema: schema, columns: base.columns + [column.build()])
    }

    static func idsByRegion(_ table: Table) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for batch in try table.scan(columns: ["id", "region"]).readAll() {
            for row in 0..<batch.rowCount {
                guard case .int(let id) = batch.columns[0].value(at: row) else { continue }
                let region: String
                if case .string(let text) = batch.columns[1].value(at: row) { region = text } else { region = "NULL" }
                result[region, default: []].append(id)
            }
        }
        return result.mapValues { $0.sorted() }
    }

    @Test func replacesOnlyTheMatchingPartition() throws {
        let scratch = try ScratchDirectory("replace-where")
        let table = try Self.regionalTable(scratch)
        let before = try Self.idsByRegion(table)
        let outcome = try table.overwrite(
            [Self.rows(1_000..<1_005, region: "eu", seed: 502)],
            replaceWhere: [ParquetPredicate("region", .equal, .string("eu"))])
        #expect(outcome == .committed(version: 2))
        let after = try Self.idsByRegion(table)
        #expect(after["eu"] == Array(1_000..<1_005))
        #expect(after["us"] == before["us"])
        #expect(after["NULL"] == before["NULL"])
        #expect(after["c d/e"] == before["c d/e"])
        let snapshot = try table.snapshot()
        let info = try #require(snapshot.commitInfo)
        #expect(info.operation == "WRITE")
        #expect(info.operationParameters?["mode"]?.stringValue == "Overwrite")
        #expect(info.operationParameters?["predicate"]?.stringValue == "region = 'eu'")
        #expect(info.json["operationMetrics"]?.objectValue?["numRemovedFiles"]?.stringValue == "1")
        // Time travel still sees the replaced rows.
        #expect(try table.scan(version: 1).readAll().reduce(0) { $0 + $1.rowCount } == 40)
    }

    @Test func refusesRowsOutsideThePredicate() throws {
        let scratch = try ScratchDirectory("replace-where-outside")
        let table = try Self.regionalTable(scratch)
        let mixed = TableRows.regionalBatch(100..<104, seed: 503)
        let error = #expect(throws: TableLogError.self) {
            try table.overwrite([mixed], replaceWhere: [ParquetPredicate("region", .equal, .string("eu"))])
        }
        #expect(error?.invalidArgumentReason?.contains("row outside the replaced partitions") == true)
        #expect(try table.snapshot().version == 1)
    }

    @Test func refusesAPredicateOnADataColumn() throws {
        let scratch = try ScratchDirectory("replace-where-data-column")
        let table = try Self.regionalTable(scratch)
        let error = #expect(throws: TableLogError.self) {
            try table.overwrite(
                [Self.rows(0..<1, region: "eu", seed: 504)], replaceWhere: [ParquetPredicate("id", .less, .int(5))])
        }
        #expect(error?.invalidArgumentReason?.contains("\"id\" is not a partition column") == true)
    }

    @Test func concurrentReplacementsOfDisjointPartitionsBothCommit() throws {
        let scratch = try ScratchDirectory("replace-where-disjoint")
        let table = try Self.regionalTable(scratch)
        let eu = try table.prepareWrite(
            .overwrite, [Self.rows(1_000..<1_003, region: "eu", seed: 505)],
            replaceWhere: [ParquetPredicate("region", .equal, .string("eu"))])
        try table.overwrite(
            [Self.rows(2_000..<2_002, region: "us", seed: 506)],
            replaceWhere: [ParquetPredicate("region", .equal, .string("us"))])
        #expect(try eu.commit() == .committed(version: 3))
        let after = try Self.idsByRegion(table)
        #expect(after["eu"] == Array(1_000..<1_003))
        #expect(after["us"] == Array(2_000..<2_002))
    }

    @Test func concurrentReplacementsOfTheSamePartitionConflict() throws {
        let scratch = try ScratchDirectory("replace-where-same")
        let table = try Self.regionalTable(scratch)
        let predicate = [ParquetPredicate("region", .equal, .string("eu"))]
        let first = try table.prepareWrite(
            .overwrite, [Self.rows(1_000..<1_003, region: "eu", seed: 507)], replaceWhere: predicate)
        try table.overwrite([Self.rows(2_000..<2_002, region: "eu", seed: 508)], replaceWhere: predicate)
        #expect(throws: TableLogError.commitConflict(.concurrentAppend, attempted: 2, winner: 2, operation: "WRITE")) {
            try first.commit()
        }
    }

    @Test func concurrentDeleteOfAReplacedFileConflicts() throws {
        let scratch = try ScratchDirectory("replace-where-delete")
        let table = try Self.regionalTable(scratch)
        let predicate = [ParquetPredicate("region", .equal, .string("us"))]
        let replace = try table.prepareWrite(
            .overwrite, [Self.rows(1_000..<1_003, region: "us", seed: 509)], replaceWhere: predicate)
        try table.delete(where: [ParquetPredicate("id", .equal, .int(1))])
        #expect(throws: TableLogError.self) { try replace.commit() }
        #expect(try table.snapshot().version == 2)
    }

    @Test func blindAppendToTheReplacedPartitionDoesNotConflictUnderWriteSerializable() throws {
        let scratch = try ScratchDirectory("replace-where-append")
        let table = try Self.regionalTable(scratch)
        let replace = try table.prepareWrite(
            .overwrite, [Self.rows(1_000..<1_003, region: "eu", seed: 510)],
            replaceWhere: [ParquetPredicate("region", .equal, .string("eu"))])
        try table.append([Self.rows(3_000..<3_002, region: "eu", seed: 511)])
        #expect(try replace.commit() == .committed(version: 3))
        #expect(try Self.idsByRegion(table)["eu"] == [1_000, 1_001, 1_002, 3_000, 3_001])
    }

    @Test func appendToTheReplacedPartitionConflictsUnderSerializable() throws {
        let scratch = try ScratchDirectory("replace-where-serializable")
        let table = try Self.regionalTable(scratch, properties: ["delta.isolationLevel": "Serializable"])
        let predicate = [ParquetPredicate("region", .equal, .string("eu"))]
        let replace = try table.prepareWrite(
            .overwrite, [Self.rows(1_000..<1_003, region: "eu", seed: 512)], replaceWhere: predicate)
        try table.append([Self.rows(3_000..<3_002, region: "us", seed: 513)])
        #expect(try replace.commit() == .committed(version: 3), "an append to another partition is compatible")
        let again = try table.prepareWrite(
            .overwrite, [Self.rows(4_000..<4_001, region: "eu", seed: 514)], replaceWhere: predicate)
        try table.append([Self.rows(5_000..<5_002, region: "eu", seed: 515)])
        #expect(throws: TableLogError.commitConflict(.concurrentAppend, attempted: 4, winner: 4, operation: "WRITE")) {
            try again.commit()
        }
    }
}
