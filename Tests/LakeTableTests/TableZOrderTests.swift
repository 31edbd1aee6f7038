import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

/// `optimize(zOrderBy:)`: rows unchanged, files clustered by the z-order of the sort columns.
@Suite struct TableZOrderTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false), Field("x", .int32), Field("y", .float64), Field("key", .utf8),
        Field("day", .date32), Field("region", .utf8),
    ])

    /// Rows `ids` with seeded x in 0..<1000 (every 17th null), y in -500...500 by halves, keys
    /// `customer-000...999`, days and a region cycling eu/us.
    static func batch(_ ids: Range<Int64>, seed: UInt64) -> Batch {
        var generator = SeededGenerator(seed: seed)
        var id = ColumnBuilder(type: .int64)
        var x = ColumnBuilder(type: .int32)
        var y = ColumnBuilder(type: .float64)
        var key = ColumnBuilder(type: .utf8)
        var day = ColumnBuilder(type: .date32)
        var region = ColumnBuilder(type: .utf8)
        for value in ids {
            try? id.append(.int(value))
            if value % 17 == 0 {
                x.appendNull()
            } else {
                try? x.append(.int(Int64.random(in: 0..<1_000, using: &generator)))
            }
            try? y.append(.float64(Double(Int.random(in: -1_000...1_000, using: &generator)) / 2))
            let number = Int.random(in: 0..<1_000, using: &generator)
            try? key.append(
                .string("customer-" + String(repeating: "0", count: 3 - String(number).count) + String(number)))
            try? day.append(.int(19_000 + Int64.random(in: 0..<400, using: &generator)))
            try? region.append(.string(value % 2 == 0 ? "eu" : "us"))
        }
        return Batch(
            schema: schema, columns: [id.build(), x.build(), y.build(), key.build(), day.build(), region.build()])
    }

    /// A table of 1024 rows appended in 8 files of random rows.
    static func table(_ scratch: ScratchDirectory, partitionColumns: [String] = []) throws -> Table {
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: schema, partitionColumns: partitionColumns)
        for index in 0..<8 {
            let start = Int64(index) * 128
            try table.append([batch(start..<start + 128, seed: UInt64(800 + index))])
        }
        return table
    }

    static func targetBytes(_ table: Table, files: Int) throws -> Int64 {
        let total = try table.snapshot().files.reduce(Int64(0)) { $0 + $1.add.size }
        return total / Int64(files) + 1
    }

    /// Each live file's (min, max) of `column`, ordered by minimum.
    static func bounds(_ table: Table, _ column: String) throws -> [(Value, Value)] {
        let schema = try table.snapshot().schema.columnarSchema()
        var result: [(Value, Value)] = []
        for file in try table.snapshot().files {
            let statistics = try #require(file.add.stats.flatMap { FileStatistics(parsing: $0, schema: schema) })
            result.append((try #require(statistics.minValues[column]), try #require(statistics.maxValues[column])))
        }
        return result
    }

    static func pruned(_ table: Table, _ predicates: [ParquetPredicate]) throws -> Int {
        try table.scan(predicates: predicates).prunedFileCount
    }

    @Test func zOrderKeepsEveryRowAndMakesStatisticsSelectiveOnBothColumns() throws {
        let scratch = try ScratchDirectory("zorder-two-columns")
        let table = try Self.table(scratch)
        let rowsBefore = TableRows.canonical(try table.scan().readAll())
        let corner = [ParquetPredicate("x", .less, .int(250)), ParquetPredicate("y", .less, .float64(-250))]
        #expect(try Self.pruned(table, corner) == 0, "random files span both ranges")
        let target = try Self.targetBytes(table, files: 8)
        #expect(try table.optimize(zOrderBy: ["x", "y"], targetFileBytes: target) == .committed(version: 9))
        #expect(TableRows.canonical(try table.scan().readAll()) == rowsBefore)
        #expect(TableRows.canonical(try table.scan(version: 8).readAll()) == rowsBefore)
        let snapshot = try table.snapshot()
        #expect(snapshot.files.count == 8)
        #expect(snapshot.files.allSatisfy { !$0.add.dataChange })
        #expect(try Self.pruned(table, corner) >= 4, "a quarter of each axis needs few z-ordered files")
        #expect(try Self.pruned(table, [ParquetPredicate("x", .greaterOrEqual, .int(900))]) >= 2)
        #expect(try Self.pruned(table, [ParquetPredicate("y", .greaterOrEqual, .float64(400))]) >= 2)
        let info = try #require(snapshot.commitInfo)
        #expect(info.operation == "OPTIMIZE")
        #expect(info.operationParameters?["zOrderBy"]?.stringValue == #"["x","y"]"#)
        #expect(info.json["operationMetrics"]?.objectValue?["numFilesRemoved"]?.stringValue == "8")
    }

    @Test func zOrderByOneFloatColumnSortsNegativeAndPositiveValues() throws {
        let scratch = try ScratchDirectory("zorder-float")
        let table = try Self.table(scratch)
        try table.optimize(zOrderBy: ["y"], targetFileBytes: try Self.targetBytes(table, files: 6))
        let bounds = try Self.bounds(table, "y").sorted { lhs, rhs in
            guard case .float64(let a) = lhs.0, case .float64(let b) = rhs.0 else { return false }
            return a < b
        }
        #expect(bounds.count >= 5)
        for (earlier, later) in zip(bounds, bounds.dropFirst()) {
            guard case .float64(let high) = earlier.1, case .float64(let low) = later.0 else {
                Issue.record("y bounds are not doubles")
                continue
            }
            #expect(high <= low, "file ranges of y overlap: \(earlier) then \(later)")
        }
    }

    @Test func zOrderByOneStringColumnWithACommonPrefixSortsFiles() throws {
        let scratch = try ScratchDirectory("zorder-string")
        let table = try Self.table(scratch)
        try table.optimize(zOrderBy: ["key"], targetFileBytes: try Self.targetBytes(table, files: 6))
        let bounds = try Self.bounds(table, "key").map { bound -> (String, String) in
            guard case .string(let low) = bound.0, case .string(let high) = bound.1 else { return ("", "") }
            return (low, high)
        }.sorted { $0.0 < $1.0 }
        #expect(bounds.count >= 5)
        for (earlier, later) in zip(bounds, bounds.dropFirst()) {
            #expect(earlier.1 <= later.0, "file ranges of key overlap: \(earlier) then \(later)")
        }
    }

    @Test func zOrderByADateSortsFiles() throws {
        let scratch = try ScratchDirectory("zorder-date")
        let table = try Self.table(scratch)
        try table.optimize(zOrderBy: ["day"], targetFileBytes: try Self.targetBytes(table, files: 4))
        let bounds = try Self.bounds(table, "day").compactMap { bound -> (Int64, Int64)? in
            guard case .int(let low) = bound.0, case .int(let high) = bound.1 else { return nil }
            return (low, high)
        }.sorted { $0.0 < $1.0 }
        #expect(bounds.count >= 3)
        for (earlier, later) in zip(bounds, bounds.dropFirst()) { #expect(earlier.1 <= later.0) }
    }

    /// Single-column z-order of a timestamp, a decimal and a signed integer column (negative values included)
    /// sorts the files: each file's range ends where the next begins.
    @Test(arguments: ["at", "amount", "delta"])
    func zOrderByOneColumnSortsTimestampsDecimalsAndSignedIntegers(column: String) throws {
        let schema = Schema([
            Field("id", .int64, nullable: false), Field("at", .timestamp(.microseconds, utc: true)),
            Field("amount", .decimal(precision: 10, scale: 2)), Field("delta", .int64),
        ])
        let scratch = try ScratchDirectory("zorder-\(column)")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: schema)
        var generator = SeededGenerator(seed: 830)
        for part in 0..<4 {
            var id = ColumnBuilder(type: .int64)
            var at = ColumnBuilder(type: .timestamp(.microseconds, utc: true))
            var amount = ColumnBuilder(type: .decimal(precision: 10, scale: 2))
            var delta = ColumnBuilder(type: .int64)
            for row in 0..<100 {
                try id.append(.int(Int64(part * 100 + row)))
                try at.append(.int(1_700_000_000_000_000 + Int64.random(in: 0..<86_400, using: &generator) * 1_000_000))
                try amount.append(.decimal(Int128(Int.random(in: -99_999...99_999, using: &generator))))
                try delta.append(.int(Int64.random(in: -1_000...1_000, using: &generator)))
            }
            try table.append([
                Batch(schema: schema, columns: [id.build(), at.build(), amount.build(), delta.build()])
            ])
        }
        let rowsBefore = TableRows.canonical(try table.scan().readAll())
        try table.optimize(zOrderBy: [column], targetFileBytes: try Self.targetBytes(table, files: 4))
        #expect(TableRows.canonical(try table.scan().readAll()) == rowsBefore)
        let bounds = try Self.bounds(table, column).compactMap { bound -> (Int128, Int128)? in
            switch bound {
            case (.int(let low), .int(let high)): (Int128(low), Int128(high))
            case (.decimal(let low), .decimal(let high)): (low, high)
            default: nil
            }
        }.sorted { $0.0 < $1.0 }
        #expect(bounds.count >= 3)
        for (earlier, later) in zip(bounds, bounds.dropFirst()) {
            #expect(earlier.1 <= later.0, "\(column): file ranges overlap")
        }
    }

    @Test func zOrderRewritesEachPartitionOnItsOwn() throws {
        let scratch = try ScratchDirectory("zorder-partitioned")
        let table = try Self.table(scratch, partitionColumns: ["region"])
        let rowsBefore = TableRows.canonical(try table.scan().readAll())
        let filesBefore = try table.snapshot().files.count
        try table.optimize(zOrderBy: ["x", "key"], targetFileBytes: try Self.targetBytes(table, files: 4))
        #expect(TableRows.canonical(try table.scan().readAll()) == rowsBefore)
        let snapshot = try table.snapshot()
        #expect(try table.snapshot(version: 8).files.count == filesBefore)
        let regions = Set(snapshot.files.compactMap { $0.add.partitionValues["region"] ?? nil })
        #expect(regions == ["eu", "us"])
        #expect(snapshot.commitInfo?.json["operationMetrics"]?.objectValue?["partitionsOptimized"]?.stringValue == "2")
        // Only one partition when filtered.
        let filtered = try #require(
            try table.prepareOptimize(
                zOrderBy: ["y"], partitionFilter: [ParquetPredicate("region", .equal, .string("eu"))]))
        #expect(
            filtered.actions.allSatisfy { action in
                switch action {
                case .add(let add): add.partitionValues["region"] == "eu"
                case .remove(let remove): remove.partitionValues?["region"] == "eu"
                default: true
                }
            })
    }

    @Test func zOrderRefusesPartitionUnknownAndRepeatedColumns() throws {
        let scratch = try ScratchDirectory("zorder-bad-columns")
        let table = try Self.table(scratch, partitionColumns: ["region"])
        let partition = #expect(throws: TableLogError.self) { try table.optimize(zOrderBy: ["region"]) }
        #expect(partition?.invalidArgumentReason?.contains("partition column") == true)
        let unknown = #expect(throws: TableLogError.self) { try table.optimize(zOrderBy: ["nope"]) }
        #expect(unknown?.invalidArgumentReason?.contains("\"nope\"") == true)
        let none = #expect(throws: TableLogError.self) { try table.optimize(zOrderBy: []) }
        #expect(none?.invalidArgumentReason != nil)
        let repeated = #expect(throws: TableLogError.self) { try table.optimize(zOrderBy: ["x", "x"]) }
        #expect(repeated?.invalidArgumentReason != nil)
        #expect(try table.snapshot().version == 8)
    }

    @Test func zOrderCommitsAfterAConcurrentAppendAndFailsAfterAConcurrentDelete() throws {
        let scratch = try ScratchDirectory("zorder-race")
        let table = try Self.table(scratch)
        let first = try #require(try table.prepareOptimize(zOrderBy: ["x", "y"]))
        try table.append([Self.batch(5_000..<5_010, seed: 820)])
        #expect(try first.commit() == .committed(version: 10))
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 1_034)
        let second = try #require(try table.prepareOptimize(zOrderBy: ["x"]))
        try table.delete(where: [ParquetPredicate("id", .equal, .int(3))])
        #expect(throws: TableLogError.self) { try second.commit() }
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 1_033)
    }
}
