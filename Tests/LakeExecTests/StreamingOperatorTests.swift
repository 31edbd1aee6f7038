import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct StreamingOperatorTests {
    @Test(arguments: [1, 4])
    func filterAndProjectMatchARowReference(parallelism: Int) throws {
        let table = RandomTable(seed: 0xF117, rowCount: 2_000)
        let options = ExecutionOptions(parallelism: parallelism)
        let result = try table.frame
            .filter((col("v") > lit(0) || col("k").isNull) && col("g").notEquals(lit("beta")))
            .select([NamedExpression(col("v") * lit(2) + col("k"), as: "w"), .column("g")])
            .collect(options: options)
        let expected: [[Value]] = table.rows.compactMap { row in
            let v = row[2].int64
            let keyIsNull = row[1] == .null
            let passesOr: Bool? = (v.map { $0 > 0 } == true || keyIsNull) ? true : (v == nil ? nil : false)
            let passesGroup: Bool? = row[0] == .null ? nil : row[0] != .string("beta")
            guard passesOr == true && passesGroup == true else { return nil }
            guard let value = v, let key = row[1].int64 else { return [.null, row[0]] }
            return [.int(value * 2 + key), row[0]]
        }
        #expect(rows(result) == expected)
        #expect(result.allSatisfy { $0.rowCount > 0 })
    }

    @Test func filterErrorsSurfaceFromWorkerThreads() {
        let table = RandomTable(seed: 0xE7, rowCount: 500, nullPercent: 0)
        #expect(throws: ExecutionError.divisionByZero) {
            try table.frame.filter(col("v") / (col("k") - col("k")) > lit(0)).collect(
                options: ExecutionOptions(parallelism: 4))
        }
    }

    @Test func limitAndOffsetCrossBatchBoundaries() throws {
        let table = RandomTable(seed: 0x11, rowCount: 500)
        for (limit, offset) in [(0, 0), (10, 0), (10, 95), (1_000, 490), (5, 600)] {
            let result = try table.frame.limit(limit, offset: offset).collect()
            let expected = Array(table.rows.dropFirst(offset).prefix(limit))
            #expect(rows(result) == expected, "limit \(limit) offset \(offset)")
        }
        let unlimited = LimitOperator(table.scan(), limit: nil, offset: 3)
        #expect(rows(try unlimited.collect()) == Array(table.rows.dropFirst(3)))
    }

    @Test func distinctKeepsFirstOccurrencesWithNullsEqual() throws {
        let table = RandomTable(seed: 0xD15, rowCount: 1_000)
        let result = try table.frame.select("g", "k").distinct().collect()
        var seen = Set<[Value]>()
        let expected = table.rows.map { [$0[0], $0[1]] }.filter { seen.insert($0).inserted }
        #expect(rows(result) == expected)
        #expect(expected.contains([.null, .null]))
    }

    @Test func unionAllConcatenatesInOrderAndChecksTypes() throws {
        let first = RandomTable(seed: 1, rowCount: 50)
        let second = RandomTable(seed: 2, rowCount: 70)
        let result = try first.frame.unionAll(second.frame).unionAll(first.frame).collect()
        #expect(rows(result) == first.rows + second.rows + first.rows)
        #expect(throws: ExecutionError.self) {
            try first.frame.select("g").unionAll(second.frame.select("k")).collect()
        }
    }

    @Test func scanWrapsSourceErrors() {
        struct FailingSource: BatchSource {
            struct Broken: Error, CustomStringConvertible { var description: String { "disk on fire" } }
            let schema = Schema([Field("x", .int64)])
            mutating func nextBatch() throws -> Batch? { throw Broken() }
        }
        let scan = ScanOperator(FailingSource())
        #expect(throws: ExecutionError.sourceFailed("disk on fire")) { try scan.next() }
    }

    @Test func emptyInputsFlowThroughEveryStreamingOperator() throws {
        let table = RandomTable(seed: 3, rowCount: 0)
        #expect(try table.frame.filter(col("v") > lit(1)).select("v").distinct().limit(3).collect().isEmpty)
    }
}

@Suite struct NestedColumnTests {
    static var batch: Batch {
        let listType = DataType.list(Field("item", .int64))
        return makeBatch([
            ("n", makeColumn(.int64, [.int(1), .int(2), .int(3)])),
            ("tags", makeColumn(listType, [.list([.int(1)]), .null, .list([.int(2), .int(3)])])),
        ])
    }

    @Test func nestedColumnsPassThroughFilterProjectAndLimit() throws {
        let batch = Self.batch
        let result = try DataFrame(name: "t", schema: batch.schema, batches: [batch])
            .filter(col("n").notEquals(lit(2)))
            .select("tags", "n")
            .limit(5)
            .collect()
        #expect(rows(result) == [[.list([.int(1)]), .int(1)], [.list([.int(2), .int(3)]), .int(3)]])
    }

    @Test func nestedValuesInExpressionsAreUnsupported() {
        let batch = Self.batch
        #expect(throws: ExecutionError.unsupportedType(.list(Field("item", .int64)), context: "comparison")) {
            try col("tags").equals(col("tags")).bound(to: batch.schema)
        }
        #expect(throws: ExecutionError.self) {
            try DataFrame(name: "t", schema: batch.schema, batches: [batch]).sort(SortKey(col("tags"))).collect()
        }
    }
}
