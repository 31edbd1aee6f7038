import LakeColumnar
import LakeCore
import LakeExec
import Testing

/// Aggregations where most rows start a new group switch from per-morsel partial tables to direct insertion after
/// the first round; chosen-value aggregates (first, last, any_value, arg_max) keep values by reference. Both must
/// give exactly the row-at-a-time reference, group order included.
@Suite struct HighCardinalityAggregateTests {
    struct Reference {
        var rows = 0
        var first: Value? = nil
        var last: Value = .null
        var anyValue: Value = .null
        var argMax: (key: Int64, value: Value)? = nil
        var sum: Int64? = nil
    }

    /// Rows of (k int64 with 40,000 values and nulls, s utf8 with nulls, v int64 with nulls) in batches of 1,500:
    /// about 98% of the first batch's keys are distinct (the direct path), a quarter of all rows repeat a key.
    static func input(seed: UInt64, count: Int) -> (frame: DataFrame, rows: [[Value]]) {
        var generator = SeededGenerator(seed: seed)
        let rows: [[Value]] = (0..<count).map { index in
            let key: Value =
                Int.random(in: 0..<50, using: &generator) == 0
                ? .null : .int(Int64.random(in: 0..<40_000, using: &generator))
            let text: Value = Int.random(in: 0..<4, using: &generator) == 0 ? .null : .string("s\(index)")
            let value: Value =
                Int.random(in: 0..<5, using: &generator) == 0
                ? .null : .int(Int64.random(in: -20...20, using: &generator))
            return [key, text, value]
        }
        let schema = Schema([Field("k", .int64), Field("s", .utf8), Field("v", .int64)])
        let batches = makeBatches(rows, schema: schema, batchRows: 1_500)
        return (DataFrame(name: "h", schema: schema, batches: batches), rows)
    }

    @Test(arguments: [1, 2])
    func chosenValueAggregatesMatchARowReferenceWhenMostKeysAreNew(parallelism: Int) throws {
        let (frame, input) = Self.input(seed: 0x41C, count: 24_000)
        let result = try frame.groupBy(col("k")).agg([
            AggregateExpression(.countRows, nil, as: "n"),
            AggregateExpression(.first, col("s"), as: "first_s"),
            AggregateExpression(.last, col("s"), as: "last_s"),
            AggregateExpression(.anyValue, col("s"), as: "any_s"),
            AggregateExpression(.argMax, col("s"), col("v"), as: "arg_max_s"),
            AggregateExpression(.sum, col("v"), as: "sum_v"),
        ]).collect(options: ExecutionOptions(parallelism: parallelism, batchRowsMax: 4_096))
        var order: [Value] = []
        var groups: [Value: Reference] = [:]
        for row in input {
            if groups[row[0]] == nil { order.append(row[0]) }
            var group = groups[row[0]] ?? Reference()
            group.rows += 1
            if group.first == nil { group.first = row[1] }
            group.last = row[1]
            if group.anyValue == .null { group.anyValue = row[1] }
            if let key = row[2].int64, group.argMax == nil || key > (group.argMax?.key ?? .min) {
                group.argMax = (key, row[1])
            }
            if let value = row[2].int64 { group.sum = (group.sum ?? 0) + value }
            groups[row[0]] = group
        }
        let output = rows(result)
        #expect(output.count == order.count)
        #expect(output.map { $0[0] } == order)
        for line in output {
            guard let group = groups[line[0]] else { continue }
            #expect(line[1] == .int(Int64(group.rows)))
            #expect(line[2] == group.first)
            #expect(line[3] == group.last)
            #expect(line[4] == group.anyValue)
            #expect(line[5] == (group.argMax?.value ?? .null))
            #expect(line[6] == (group.sum.map(Value.int) ?? .null))
        }
    }

    @Test func distinctOverUniqueCompositeKeysKeepsEveryRowOnce() throws {
        // Every (k, v) pair unique except deliberate duplicates every 7th row: DISTINCT keeps first appearances.
        let count = 30_000
        let keys = (0..<count).map { Value.int(Int64($0 % 7 == 0 ? $0 - 7 : $0) / 3) }
        let values = (0..<count).map { Value.int(Int64($0 % 7 == 0 ? $0 - 7 : $0) % 3) }
        let batches = stride(from: 0, to: count, by: 2_000).map { start in
            makeBatch([
                ("k", makeColumn(.int64, Array(keys[start..<start + 2_000]))),
                ("v", makeColumn(.int64, Array(values[start..<start + 2_000]))),
            ])
        }
        let result = try DataFrame(name: "d", schema: batches[0].schema, batches: batches).distinct()
            .collect(options: ExecutionOptions(parallelism: 2))
        var seen = Set<[Value]>()
        let expected = zip(keys, values).map { [$0, $1] }.filter { seen.insert($0).inserted }
        #expect(rows(result) == expected)
    }
}

extension HighCardinalityAggregateTests {
    @Test func floatSumsDoNotDependOnParallelism() throws {
        // Mostly distinct keys (the direct path after the first batch) and float values whose sums depend on the
        // order of additions: every parallelism must give the same bits.
        var generator = SeededGenerator(seed: 0xF10A7)
        let count = 12_000
        let keys = (0..<count).map { _ in Value.int(Int64.random(in: 0..<30_000, using: &generator)) }
        let values = (0..<count).map { _ in Value.float64(Double.random(in: -1...1, using: &generator) * 1e-3 + 1e6) }
        let batches = stride(from: 0, to: count, by: 1_000).map { start in
            makeBatch([
                ("k", makeColumn(.int64, Array(keys[start..<start + 1_000]))),
                ("x", makeColumn(.float64, Array(values[start..<start + 1_000]))),
            ])
        }
        let frame = DataFrame(name: "f", schema: batches[0].schema, batches: batches).groupBy(col("k")).agg([
            AggregateExpression(.sum, col("x"), as: "s"), AggregateExpression(.avg, col("x"), as: "a"),
            AggregateExpression(.stddevSample, col("x"), as: "d"),
        ])
        let sequential = rows(try frame.collect(options: ExecutionOptions(parallelism: 1)))
        for parallelism in [2, 3] {
            #expect(rows(try frame.collect(options: ExecutionOptions(parallelism: parallelism))) == sequential)
        }
    }
}
