import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

@Suite struct TableWriteTests {
    func makeTable(_ scratch: ScratchDirectory) -> Table {
        Table(store: scratch.store, root: "t", clock: .fixed(1_735_689_600_123))
    }

    @Test func createAppendOverwriteRoundTripAndTimeTravel() throws {
        let scratch = try ScratchDirectory("write-round-trip")
        let table = makeTable(scratch)
        #expect(try table.create(schema: TableRows.schema, properties: ["owner": "tests"]) == 0)
        let first = TableRows.batch(0..<50, seed: 1)
        let second = TableRows.batch(50..<80, seed: 2)
        let replacement = TableRows.batch(1_000..<1_020, seed: 3)
        #expect(try table.append([first]) == .committed(version: 1))
        #expect(try table.append([second]) == .committed(version: 2))
        #expect(try table.overwrite([replacement]) == .committed(version: 3))

        #expect(try TableRows.canonical(table.scan(version: 0).readAll()).isEmpty)
        #expect(try TableRows.canonical(table.scan(version: 1).readAll()) == TableRows.canonical([first]))
        #expect(try TableRows.canonical(table.scan(version: 2).readAll()) == TableRows.canonical([first, second]))
        #expect(try TableRows.canonical(table.scan().readAll()) == TableRows.canonical([replacement]))

        let snapshot = try table.snapshot()
        #expect(snapshot.files.count == 1 && snapshot.tombstones.count == 2)
        #expect(snapshot.metadata.configuration == ["owner": "tests"])
        #expect(snapshot.protocolAction == ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))
        #expect(snapshot.commitInfo?.operation == "WRITE")
        #expect(snapshot.commitInfo?.engineInfo == "lake/0.1")
        #expect(snapshot.commitInfo?.readVersion == 2)
        #expect(snapshot.commitInfo?.timestamp == 1_735_689_600_123)
        #expect(snapshot.commitInfo?.operationParameters?["mode"]?.stringValue == "Overwrite")
        let file = try #require(snapshot.files.first)
        #expect(file.path.hasPrefix("part-00000-") && file.path.hasSuffix("-c000.snappy.parquet"))
        let statistics = try #require(FileStatistics(parsing: file.add.stats ?? "", schema: TableRows.schema))
        #expect(statistics.numRecords == 20)
        #expect(statistics.minValues["id"] == .int(1_000) && statistics.maxValues["id"] == .int(1_019))
        #expect(statistics.nullCount["price"] == 4)
        let created = try table.snapshot(version: 0)
        #expect(created.commitInfo?.operation == "CREATE TABLE" && created.commitInfo?.readVersion == nil)
    }

    @Test func projectionReordersColumnsAndCountsWithoutColumns() throws {
        let scratch = try ScratchDirectory("write-projection")
        let table = makeTable(scratch)
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 4)])
        let batches = try table.scan(columns: ["name", "id"]).readAll()
        #expect(batches.first?.schema.fields.map(\.name) == ["name", "id"])
        #expect(try table.scan(columns: []).readAll().reduce(0) { $0 + $1.rowCount } == 10)
    }

    @Test func transactionReplayIsANoOp() throws {
        let scratch = try ScratchDirectory("write-txn")
        let table = makeTable(scratch)
        try table.create(schema: TableRows.schema)
        let batch = TableRows.batch(0..<10, seed: 5)
        #expect(
            try table.append([batch], txn: TransactionAction(appId: "loader", version: 3)) == .committed(version: 1))
        #expect(
            try table.append([batch], txn: TransactionAction(appId: "loader", version: 3))
                == .alreadyApplied(version: 1))
        #expect(
            try table.append([batch], txn: TransactionAction(appId: "loader", version: 2))
                == .alreadyApplied(version: 1))
        let listing = try scratch.store.list(prefix: "t/", after: nil).filter { $0.path.hasSuffix(".parquet") }
        #expect(listing.count == 1, "a replayed write writes no data file")
        #expect(
            try table.append([batch], txn: TransactionAction(appId: "loader", version: 4)) == .committed(version: 2))
        let snapshot = try table.snapshot()
        #expect(snapshot.transactionVersion(appId: "loader") == 4)
        #expect(snapshot.transactions["loader"]?.lastUpdated == 1_735_689_600_123)
    }

    @Test func createRefusesAnExistingTableAndBadArguments() throws {
        let scratch = try ScratchDirectory("write-create")
        let table = makeTable(scratch)
        try table.create(schema: TableRows.schema)
        #expect(throws: TableLogError.tableExists("t")) { try table.create(schema: TableRows.schema) }
        let other = Table(store: scratch.store, root: "u")
        #expect(throws: TableLogError.invalidArgument("partition column \"nope\" is not in the schema")) {
            try other.create(schema: TableRows.schema, partitionColumns: ["nope"])
        }
        #expect(throws: TableLogError.unsupportedType(column: "price", type: "float64 as a partition column")) {
            try other.create(schema: TableRows.schema, partitionColumns: ["price"])
        }
        #expect(
            throws: TableLogError.invalidArgument(
                "table property \"delta.enableDeletionVectors\" is unknown or not supported when creating a table")
        ) {
            try other.create(schema: TableRows.schema, properties: ["delta.enableDeletionVectors": "true"])
        }
        #expect(throws: TableLogError.notATable("u")) { try other.snapshot() }
    }

    @Test func writesRefuseBatchesThatDoNotFitTheSchema() throws {
        let scratch = try ScratchDirectory("write-mismatch")
        let table = makeTable(scratch)
        try table.create(schema: TableRows.schema)
        let extra = TableRows.regionalBatch(0..<4, seed: 6)
        #expect(throws: TableLogError.schemaMismatch("column \"region\" is not in the table schema")) {
            try table.append([extra])
        }
        let withoutId = TableRows.batch(0..<4, seed: 6).projecting([1, 2, 3])
        #expect(throws: TableLogError.schemaMismatch("non-nullable column \"id\" is missing from the batch")) {
            try table.append([withoutId])
        }
        let withoutName = TableRows.batch(0..<4, seed: 6).projecting([0, 1, 3])
        try table.append([withoutName])
        let rows = try TableRows.canonical(table.scan().readAll())
        #expect(rows.count == 4 && rows.allSatisfy { $0["name"] == "null" })
    }

    @Test func appendOnlyTablesRefuseOverwrite() throws {
        let scratch = try ScratchDirectory("write-append-only")
        let table = makeTable(scratch)
        try table.create(schema: TableRows.schema, properties: ["delta.appendOnly": "true"])
        try table.append([TableRows.batch(0..<3, seed: 7)])
        #expect(throws: TableLogError.appendOnlyViolation(operation: "overwrite")) {
            try table.overwrite([TableRows.batch(3..<6, seed: 7)])
        }
    }

    @Test func olderFilesReadMissingColumnsAsNulls() throws {
        let scratch = try ScratchDirectory("write-evolution")
        let table = makeTable(scratch)
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<6, seed: 8)])
        var metadata = try table.snapshot().metadata
        var schema = try DeltaSchema(parsing: metadata.schemaString)
        schema.fields.append(DeltaField(name: "region", type: .string))
        metadata.schemaString = try schema.jsonString()
        let commit = try CommitFile.encode([
            .commitInfo(CommitInfo(json: ["operation": "SET TBLPROPERTIES"])), .metadata(metadata),
        ])
        try scratch.store.putIfAbsent("t/_delta_log/" + LogFileName.commitName(2), commit)
        try table.append([TableRows.regionalBatch(6..<10, seed: 9)])
        let rows = try TableRows.canonical(table.scan(columns: ["id", "region"]).readAll())
        let expected = Array(repeating: "null", count: 7) + ["s:c d/e", "s:eu", "s:us"]
        #expect(rows.map { $0["region"] ?? "" } == expected)
    }
}
