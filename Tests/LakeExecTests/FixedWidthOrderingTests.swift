import LakeColumnar
import LakeCore
import LakeExec
import Testing

/// Sorts and windows whose keys are all fixed-width columns take the word-wise radix path; these tests hold it to
/// the same stable reference order as the byte-key path, with nulls, NaN, -0.0 and ties in the keys.
@Suite struct FixedWidthOrderingTests {
    /// Whether two key values belong to one partition or peer group (NULL = NULL, NaN = NaN, -0.0 = 0.0).
    static func sameKey(_ a: Value, _ b: Value) -> Bool {
        if a == .null || b == .null { return a == .null && b == .null }
        return referenceCompare(a, b) == 0
    }

    @Test(arguments: [(true, false), (false, true), (true, true), (false, false)])
    func sortOnIntegerAndFloatKeysMatchesAStableReference(ascending: Bool, nullsFirst: Bool) throws {
        let table = RandomTable(seed: 0xF1D, rowCount: 2_500)
        let result = try table.frame.sort(
            SortKey(col("k"), ascending: ascending, nullsFirst: nullsFirst),
            SortKey(col("f"), ascending: !ascending, nullsFirst: nullsFirst),
            SortKey(col("v"), ascending: ascending, nullsFirst: !nullsFirst)
        ).collect()
        let expected = referenceSort(
            table.rows, keys: [(1, ascending, nullsFirst), (3, !ascending, nullsFirst), (2, ascending, !nullsFirst)])
        #expect(rows(result) == expected)
    }

    @Test(arguments: [(false, true), (true, false)])
    func windowsOverFixedWidthKeysMatchAReference(ascending: Bool, nullsFirst: Bool) throws {
        let table = RandomTable(seed: 0x51D, rowCount: 3_000)
        let order = [SortKey(col("f"), ascending: ascending, nullsFirst: nullsFirst)]
        let result = try table.frame.window(
            WindowExpression(.rowNumber, partitionBy: [col("k")], orderBy: order, as: "rn"),
            WindowExpression(.rank, partitionBy: [col("k")], orderBy: order, as: "rk"),
            WindowExpression(.denseRank, partitionBy: [col("k")], orderBy: order, as: "dr"),
            WindowExpression(
                .lag(col("v"), offset: 1, default: nil), partitionBy: [col("k")], orderBy: order, as: "lg"),
            WindowExpression(.aggregate(.sum, col("v"), frame: .partition), partitionBy: [col("k")], as: "total")
        ).collect()
        let output = rows(result)
        #expect(output.count == table.rows.count)
        // Reference: a stable sort by (k ascending nulls first, f), then one pass over the sorted rows.
        let sorted = Array(table.rows.indices).sorted { a, b in
            let keys = [(1, true, true), (3, ascending, nullsFirst)]
            for (index, up, nullsLow) in keys {
                let (x, y) = (table.rows[a][index], table.rows[b][index])
                if x == .null || y == .null {
                    if x == .null && y == .null { continue }
                    return (x == .null) == nullsLow
                }
                let order = referenceCompare(x, y) * (up ? 1 : -1)
                if order != 0 { return order < 0 }
            }
            return a < b
        }
        var expected = [[Value]](repeating: [], count: table.rows.count)
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && Self.sameKey(table.rows[sorted[end]][1], table.rows[sorted[start]][1]) {
                end += 1
            }
            let total = sorted[start..<end].compactMap { table.rows[$0][2].int64 }
            var peerStart = start
            var dense: Int64 = 0
            for position in start..<end {
                let row = table.rows[sorted[position]]
                if position == start || !Self.sameKey(row[3], table.rows[sorted[position - 1]][3]) {
                    peerStart = position
                    dense += 1
                }
                expected[sorted[position]] = [
                    .int(Int64(position - start + 1)), .int(Int64(peerStart - start + 1)), .int(dense),
                    position > start ? table.rows[sorted[position - 1]][2] : .null,
                    total.isEmpty ? .null : .int(total.reduce(0, +)),
                ]
            }
            start = end
        }
        for (index, line) in output.enumerated() {
            #expect(Array(line[0..<5]) == table.rows[index], "row \(index) keeps its input values and order")
            #expect(Array(line[5...]) == expected[index], "row \(index)")
        }
    }

    @Test func largePartitionsWithManyTiesKeepInputOrderWithinPeers() throws {
        // 40,000 rows in 3 partitions, order keys with 7 distinct values: row_number must follow input order
        // among peers, which only a stable sort gives.
        var generator = SeededGenerator(seed: 0xB16)
        let count = 40_000
        let partitions = (0..<count).map { _ in Value.int(Int64.random(in: -1...1, using: &generator) << 40) }
        let orders = (0..<count).map { _ in Value.int(Int64.random(in: 0..<7, using: &generator)) }
        let batch = makeBatch([
            ("p", makeColumn(.int64, partitions)), ("o", makeColumn(.int64, orders)),
            ("i", makeColumn(.int64, (0..<count).map { .int(Int64($0)) })),
        ])
        let result = try DataFrame(name: "t", schema: batch.schema, batches: [batch]).window(
            WindowExpression(.rowNumber, partitionBy: [col("p")], orderBy: [SortKey(col("o"))], as: "rn"),
            WindowExpression(
                .lag(col("i"), offset: 1, default: lit(-1)), partitionBy: [col("p")], orderBy: [SortKey(col("o"))],
                as: "previous")
        ).collect()
        var lastIndex: [Value: (index: Int64, number: Int64)] = [:]
        // Expected: per partition, rows sorted by (o, input index).
        let sorted = (0..<count).sorted { a, b in
            let (x, y) = (partitions[a].int64 ?? 0, partitions[b].int64 ?? 0)
            if x != y { return x < y }
            let (u, v) = (orders[a].int64 ?? 0, orders[b].int64 ?? 0)
            return u != v ? u < v : a < b
        }
        var expectedNumber = [Int64](repeating: 0, count: count)
        var expectedPrevious = [Int64](repeating: 0, count: count)
        for row in sorted {
            let previous = lastIndex[partitions[row]]
            let number = (previous?.number ?? 0) + 1
            expectedNumber[row] = number
            expectedPrevious[row] = previous?.index ?? -1
            lastIndex[partitions[row]] = (Int64(row), number)
        }
        let output = rows(result)
        #expect(output.map { $0[3] } == expectedNumber.map(Value.int))
        #expect(output.map { $0[4] } == expectedPrevious.map(Value.int))
    }
}

extension FixedWidthOrderingTests {
    @Test func parallelSortAndWindowOverManyRowsMatchTheSequentialOnes() throws {
        // Above FixedWidthSortKeys' parallel threshold (2^17 rows) the halves sort on two workers and merge.
        var generator = SeededGenerator(seed: 0x9A11)
        let count = 140_000
        let groups = (0..<count).map { _ in
            Int.random(in: 0..<40, using: &generator) == 0
                ? Value.null : .int(Int64.random(in: 0..<300, using: &generator))
        }
        let amounts = (0..<count).map { _ in Value.float64(Double(Int.random(in: 0..<50, using: &generator)) / 2) }
        let batch = makeBatch([("g", makeColumn(.int64, groups)), ("a", makeColumn(.float64, amounts))])
        let frame = DataFrame(name: "p", schema: batch.schema, batches: [batch])
        let sorted = frame.sort(SortKey(col("g")), SortKey(col("a"), ascending: false))
        let ranked = frame.window(
            WindowExpression(
                .rank, partitionBy: [col("g")], orderBy: [SortKey(col("a"), ascending: false)], as: "r"))
        let parallelSort = rows(try sorted.collect(options: ExecutionOptions(parallelism: 2)))
        #expect(parallelSort == rows(try sorted.collect(options: ExecutionOptions(parallelism: 1))))
        let reference = referenceSort(
            zip(groups, amounts).map { [$0, $1] }, keys: [(0, true, false), (1, false, false)])
        #expect(parallelSort == reference)
        #expect(
            rows(try ranked.collect(options: ExecutionOptions(parallelism: 2)))
                == rows(try ranked.collect(options: ExecutionOptions(parallelism: 1))))
    }
}
