import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

@Suite struct TableDeleteTests {
    /// The canonical rows of `batches` that do not satisfy every predicate, judged value by value.
    static func survivors(_ batches: [Batch], deleting predicates: [ParquetPredicate]) -> [[String:
        String]]
    {
        var kept: [Batch] = []
        for batch in batches {
            var rows: [Int] = []
            for row in 0..<batch.rowCount {
                let matches = predicates.allSatisfy { predicate in
                    guard let column = batch.column(named: predicate.column) else { return false }
                    return bruteForceMatches(column.value(at: row), predicate)
                }
                if !matches { rows.append(row) }
            }
            kept.append(Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(rows) }))
        }
        return TableRows.canonical(kept)
    }

    static func bruteForceMatches(_ value: Value, _ predicate: ParquetPredicate) -> Bool {
        let order: Int
        switch (value, predicate.value) {
        case (.int(let a), .int(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.float64(let a), .float64(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        default: return false
        }
        switch predicate.comparison {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .greaterOrEqual: return order >= 0
        case .greater: return order > 0
        }
    }

    static func metric(_ table: Table, _ name: String) throws -> String? {
        try table.snapshot().commitInfo?.json["operationMetrics"]?.objectValue?[name]?.stringValue
    }

    @Test func deleteRemovesExactlyTheMatchingRowsAndLeavesOtherFilesUntouched() throws {
        let scratch = try ScratchDirectory("delete-rows")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let batches = (0..<3).map {
            TableRows.batch(Int64($0) * 40..<Int64($0) * 40 + 40, seed: UInt64(300 + $0))
        }
        for batch in batches { try table.append([batch]) }
        let before = try table.snapshot()
        let predicates = [
            ParquetPredicate("id", .greaterOrEqual, .int(10)), ParquetPredicate("id", .less, .int(30)),
            ParquetPredicate("price", .greater, .float64(0)),
        ]
        #expect(try table.delete(where: predicates) == .committed(version: 4))
        let expected = Self.survivors(batches, deleting: predicates)
        #expect(TableRows.canonical(try table.scan().readAll()) == expected)
        #expect(
            TableRows.canonical(try table.scan(version: 3).readAll()) == TableRows.canonical(batches))
        let after = try table.snapshot()
        #expect(after.commitInfo?.operation == "DELETE")
        #expect(try Self.metric(table, "numDeletedRows") == String(120 - expected.count))
        #expect(try Self.metric(table, "numRemovedFiles") == "1")
        #expect(try Self.metric(table, "numAddedFiles") == "1")
        let untouched = Set(before.files.map(\.path)).intersection(after.files.map(\.path))
        #expect(untouched.count == 2, "files without matching rows stay")
        #expect(try table.delete(where: predicates) == nil, "nothing left to delete")
        #expect(try table.snapshot().version == 4)
    }

    @Test func deleteWithNullsAndStringsMatchesBruteForce() throws {
        let scratch = try ScratchDirectory("delete-nulls")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let batches = [TableRows.batch(0..<50, seed: 310), TableRows.batch(50..<100, seed: 311)]
        try table.append(batches)
        let predicates = [
            ParquetPredicate("price", .lessOrEqual, .float64(100)),
            ParquetPredicate("name", .less, .string("n5")),
        ]
        try table.delete(where: predicates)
        #expect(
            TableRows.canonical(try table.scan().readAll())
                == Self.survivors(batches, deleting: predicates))
        try table.delete(where: [ParquetPredicate("price", .notEqual, .float64(1e9))])
        let nullPriced = TableRows.canonical(try table.scan().readAll())
        #expect(
            !nullPriced.isEmpty && nullPriced.allSatisfy { $0["price"] == "null" }, "null never matches")
    }

    @Test func partitionDeleteRemovesOnlyTheMatchingPartitionWithoutRewriting() throws {
        let scratch = try ScratchDirectory("delete-partition")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, partitionColumns: ["day"])
        let batches = [TableRows.batch(0..<60, seed: 320), TableRows.batch(60..<90, seed: 321)]
        for batch in batches { try table.append([batch]) }
        let before = try table.snapshot().files
        let predicates = [ParquetPredicate("day", .equal, .int(19_724))]
        try table.delete(where: predicates)
        let after = try table.snapshot().files
        let otherDays = before.filter { $0.add.partitionValues["day"] != "2024-01-02" }
        #expect(Set(after.map(\.path)) == Set(otherDays.map(\.path)))
        #expect(try Self.metric(table, "numAddedFiles") == "0")
        #expect(
            TableRows.canonical(try table.scan().readAll())
                == Self.survivors(batches, deleting: predicates))
        let mixed = [
            ParquetPredicate("day", .equal, .int(19_725)), ParquetPredicate("id", .less, .int(30)),
        ]
        try table.delete(where: mixed)
        let last = try table.snapshot().files
        let changed = Set(last.map(\.path)).symmetricDifference(after.map(\.path))
        #expect(
            changed.allSatisfy { $0.hasPrefix("day=2024-01-03/") },
            "only files of the matching partition are rewritten")
        let expected = Self.survivors(batches, deleting: predicates).filter { row in
            let id = row["id"].flatMap { Int64($0.dropFirst(2)) } ?? -1
            return !(row["day"] == "i:19725" && id < 30)
        }
        #expect(TableRows.canonical(try table.scan().readAll()) == expected)
    }

    @Test func deleteConflictsWithAConcurrentOverwrite() throws {
        let scratch = try ScratchDirectory("delete-race-overwrite")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<20, seed: 330)])
        let delete = try #require(
            try table.prepareDelete(where: [ParquetPredicate("id", .less, .int(5))]))
        try table.overwrite([TableRows.batch(100..<110, seed: 331)])
        #expect(
            throws: TableLogError.commitConflict(
                .concurrentDeleteDelete, attempted: 2, winner: 2, operation: "WRITE")
        ) {
            try delete.commit()
        }
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 10)
    }

    @Test func deleteKeepsAConcurrentAppend() throws {
        let scratch = try ScratchDirectory("delete-race-append")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<20, seed: 332)])
        let delete = try #require(
            try table.prepareDelete(where: [ParquetPredicate("id", .less, .int(5))]))
        try table.append([TableRows.batch(20..<25, seed: 333)])
        #expect(try delete.commit() == .committed(version: 3))
        let ids = TableRows.canonical(try table.scan(columns: ["id"]).readAll()).compactMap { $0["id"] }
        #expect(ids == (5..<25).map { "i:\($0)" })
    }

    @Test func deleteConflictsWithAConcurrentAppendUnderSerializable() throws {
        let scratch = try ScratchDirectory("delete-race-append-serializable")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, properties: ["delta.isolationLevel": "Serializable"])
        try table.append([TableRows.batch(0..<20, seed: 335)])
        let delete = try #require(try table.prepareDelete(where: [ParquetPredicate("id", .less, .int(5))]))
        try table.append([TableRows.batch(20..<25, seed: 336)])
        #expect(throws: TableLogError.commitConflict(.concurrentAppend, attempted: 2, winner: 2, operation: "WRITE")) {
            try delete.commit()
        }
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 25)
    }

    @Test func deleteIsRefusedOnAppendOnlyTables() throws {
        let scratch = try ScratchDirectory("delete-append-only")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, properties: ["delta.appendOnly": "true"])
        try table.append([TableRows.batch(0..<20, seed: 334)])
        #expect(throws: TableLogError.appendOnlyViolation(operation: "delete")) {
            try table.delete(where: [ParquetPredicate("id", .less, .int(5))])
        }
        #expect(try table.delete(where: [ParquetPredicate("id", .greater, .int(500))]) == nil)
    }
}
