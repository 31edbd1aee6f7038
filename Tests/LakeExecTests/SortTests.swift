import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct SortTests {
    @Test(arguments: [(true, false), (false, true), (true, true), (false, false)])
    func multiKeySortMatchesAStableReference(ascending: Bool, nullsFirst: Bool) throws {
        let table = RandomTable(seed: 0x5027, rowCount: 1_500)
        let keys = [
            SortKey(col("g"), ascending: ascending, nullsFirst: nullsFirst),
            SortKey(col("f"), ascending: !ascending, nullsFirst: !nullsFirst),
        ]
        let result = try table.frame.sort(keys[0], keys[1]).collect(options: ExecutionOptions(batchRowsMax: 100))
        let expected = referenceSort(
            table.rows, keys: [(0, ascending, nullsFirst), (3, !ascending, !nullsFirst)])
        #expect(rows(result) == expected)
        #expect(result.allSatisfy { $0.rowCount <= 100 })
    }

    @Test func nanSortsAboveInfinityAndNegativeZeroTiesWithZero() throws {
        let batch = single(
            .float64,
            [
                .float64(.nan), .float64(1), .float64(.infinity), .float64(-0.0), .float64(0.0), .null,
                .float64(-.infinity),
            ])
        let result = try DataFrame(name: "t", schema: batch.schema, batches: [batch]).sort(SortKey(col("x"))).collect()
        let output = rows(result).map { $0[0] }
        #expect(
            Array(output[0...4]) == [
                .float64(-.infinity), .float64(-0.0), .float64(0.0), .float64(1), .float64(.infinity),
            ])
        #expect(output[5].double?.isNaN == true)
        #expect(output[6] == .null)
    }

    @Test func topNEqualsSortThenLimit() throws {
        let table = RandomTable(seed: 0x70F, rowCount: 1_200)
        let keys = [SortKey(col("v"), ascending: false, nullsFirst: true), SortKey(col("d"))]
        for (limit, offset) in [(0, 0), (1, 0), (25, 0), (25, 40), (5_000, 10)] {
            let frame = table.frame.sort(keys[0], keys[1]).limit(limit, offset: offset)
            #expect(try frame.explainPhysical().hasPrefix("TopN \(limit) offset \(offset)"))
            let expected = Array(
                referenceSort(table.rows, keys: [(2, false, true), (4, true, false)])
                    .dropFirst(offset).prefix(limit))
            #expect(rows(try frame.collect()) == expected, "limit \(limit) offset \(offset)")
        }
    }

    @Test func sortHonoursTheMemoryLimit() {
        let table = RandomTable(seed: 0x50, rowCount: 2_000)
        #expect(throws: ExecutionError.self) {
            try table.frame.sort(SortKey(col("v"))).collect(options: ExecutionOptions(memoryLimitBytes: 1_000))
        }
    }
}
