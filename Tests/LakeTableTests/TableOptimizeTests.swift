import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

@Suite struct TableOptimizeTests {
    /// `operationMetrics[name]` of the latest commit.
    static func metric(_ table: Table, _ name: String) throws -> String? {
        try table.snapshot().commitInfo?.json["operationMetrics"]?.objectValue?[name]?.stringValue
    }

    static func ids(_ table: Table, version: Int64? = nil) throws -> [String] {
        TableRows.canonical(try table.scan(version: version, columns: ["id"]).readAll()).compactMap {
            $0["id"]
        }
    }

    @Test func optimizeCompactsSmallFilesIntoOneAndKeepsRowsAndHistory() throws {
        let scratch = try ScratchDirectory("optimize-one-bin")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        var batches: [Batch] = []
        for index in 0..<6 {
            let start = Int64(index) * 20
            batches.append(TableRows.batch(start..<start + 20, seed: UInt64(200 + index)))
            try table.append([batches[index]])
        }
        let before = try table.snapshot()
        #expect(before.files.count == 6)
        let outcome = try table.optimize()
        #expect(outcome == .committed(version: 7))
        let after = try table.snapshot()
        #expect(after.files.count == 1)
        #expect(after.files.allSatisfy { !$0.add.dataChange })
        #expect(after.commitInfo?.operation == "OPTIMIZE")
        #expect(TableRows.canonical(try table.scan().readAll()) == TableRows.canonical(batches))
        #expect(
            TableRows.canonical(try table.scan(version: 6).readAll()) == TableRows.canonical(batches))
        let statistics = try #require(
            after.files[0].add.stats.flatMap { FileStatistics(parsing: $0, schema: TableRows.schema) })
        #expect(statistics.numRecords == 120)
        #expect(statistics.minValues["id"] == .int(0) && statistics.maxValues["id"] == .int(119))
        #expect(statistics.nullCount["price"] == 24, "statistics accumulated over every input file")
        #expect(try Self.metric(table, "numFilesRemoved") == "6")
        #expect(try Self.metric(table, "numFilesAdded") == "1")
        #expect(
            try Self.metric(table, "numBytesRemoved")
                == String(before.files.reduce(0) { $0 + $1.add.size }))
        #expect(try Self.metric(table, "numBytesAdded") == String(after.files[0].add.size))
        #expect(try table.optimize() == nil, "a single file is left alone")
        #expect(try table.snapshot().version == 7)
    }

    @Test func optimizePacksFilesIntoBinsOfTheTargetSize() throws {
        let scratch = try ScratchDirectory("optimize-bins")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        for index in 0..<6 {
            let start = Int64(index) * 20
            try table.append([TableRows.batch(start..<start + 20, seed: UInt64(210 + index))])
        }
        let sizes = try table.snapshot().files.map(\.add.size)
        let smallest = try #require(sizes.min())
        let largest = try #require(sizes.max())
        try #require(largest * 4 < smallest * 5, "files of similar size, so that exactly two fit a bin")
        let target = 2 * largest + smallest / 2
        try table.optimize(targetFileBytes: target)
        let files = try table.snapshot().files
        #expect(files.count == 3)
        #expect(try Self.metric(table, "numBatches") == "3")
        #expect(try Self.ids(table) == (0..<120).map { "i:\($0)" })
        #expect(throws: TableLogError.self) { try table.optimize(targetFileBytes: 0) }
    }

    @Test func optimizeCompactsEachPartitionOnItsOwnAndHonoursThePartitionFilter() throws {
        let scratch = try ScratchDirectory("optimize-partitions")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, partitionColumns: ["day"])
        var batches: [Batch] = []
        for index in 0..<4 {
            let start = Int64(index) * 30
            batches.append(TableRows.batch(start..<start + 30, seed: UInt64(220 + index)))
            try table.append([batches[index]])
        }
        let before = try table.snapshot().files
        let days = Set(before.map { $0.add.partitionValues["day"] ?? nil })
        try #require(days.count == 3 && before.count == 12)
        let filtered = try table.optimize(partitionFilter: [
            ParquetPredicate("day", .equal, .int(19_723))
        ])
        #expect(filtered == .committed(version: 5))
        let middle = try table.snapshot().files
        #expect(middle.count == 9)
        #expect(middle.filter { $0.add.partitionValues["day"] == "2024-01-01" }.count == 1)
        try table.optimize()
        let after = try table.snapshot().files
        #expect(after.count == 3)
        #expect(Set(after.map { $0.add.partitionValues["day"] ?? nil }) == days)
        #expect(TableRows.canonical(try table.scan().readAll()) == TableRows.canonical(batches))
        #expect(throws: TableLogError.self) {
            try table.optimize(partitionFilter: [ParquetPredicate("id", .equal, .int(1))])
        }
    }

    @Test func optimizeCommitsAfterAConcurrentAppend() throws {
        let scratch = try ScratchDirectory("optimize-race-append")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 230)])
        try table.append([TableRows.batch(10..<20, seed: 231)])
        let optimize = try #require(try table.prepareOptimize())
        #expect(try table.append([TableRows.batch(20..<25, seed: 232)]) == .committed(version: 3))
        #expect(try optimize.commit() == .committed(version: 4))
        #expect(try table.snapshot().files.count == 2)
        #expect(try Self.ids(table) == (0..<25).map { "i:\($0)" })
    }

    @Test func optimizeConflictsWithAConcurrentOverwriteOfItsFiles() throws {
        let scratch = try ScratchDirectory("optimize-race-overwrite")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 233)])
        try table.append([TableRows.batch(10..<20, seed: 234)])
        let optimize = try #require(try table.prepareOptimize())
        try table.overwrite([TableRows.batch(100..<103, seed: 235)])
        #expect(
            throws: TableLogError.commitConflict(
                .concurrentDeleteDelete, attempted: 3, winner: 3, operation: "WRITE")
        ) {
            try optimize.commit()
        }
        #expect(try Self.ids(table) == (100..<103).map { "i:\($0)" })
    }

    @Test func optimizeIsAllowedOnAppendOnlyTables() throws {
        let scratch = try ScratchDirectory("optimize-append-only")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, properties: ["delta.appendOnly": "true"])
        try table.append([TableRows.batch(0..<10, seed: 236)])
        try table.append([TableRows.batch(10..<20, seed: 237)])
        #expect(try table.optimize() == .committed(version: 3))
        #expect(try Self.ids(table) == (0..<20).map { "i:\($0)" })
    }
}
