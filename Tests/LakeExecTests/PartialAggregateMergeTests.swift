import LakeColumnar
import LakeCore
import LakeExec
import Testing

/// Aggregations whose morsels repeat keys build a partial table per morsel and merge them in input order: the first
/// partial becomes the final table as is, later ones fold in through the accumulators' merges. Both must match the
/// row-at-a-time reference exactly, arg_max / arg_min ties included (the earliest row wins).
@Suite struct PartialAggregateMergeTests {
    struct Reference {
        var rows = 0
        var minimum: Int64? = nil
        var maximum: Int64? = nil
        var sum: Int64? = nil
        var argMax: (key: Int64, value: Value)? = nil
        var argMin: (key: Int64, value: Value)? = nil
    }

    /// Rows of (k int64 in 0..<300, s utf8 with nulls, t int64 in 0..<8 with nulls) in batches of `batchRows`: every
    /// batch repeats keys (the partial-table path) and ties on `t` are frequent.
    static func input(seed: UInt64, count: Int, batchRows: Int = 1_000) -> (frame: DataFrame, rows: [[Value]]) {
        var generator = SeededGenerator(seed: seed)
        let rows: [[Value]] = (0..<count).map { index in
            let key = Value.int(Int64.random(in: 0..<300, using: &generator))
            let text: Value = Int.random(in: 0..<5, using: &generator) == 0 ? .null : .string("r\(index)")
            let order: Value =
                Int.random(in: 0..<6, using: &generator) == 0 ? .null : .int(Int64.random(in: 0..<8, using: &generator))
            return [key, text, order]
        }
        let schema = Schema([Field("k", .int64), Field("s", .utf8), Field("t", .int64)])
        let batches = makeBatches(rows, schema: schema, batchRows: batchRows)
        return (DataFrame(name: "p", schema: schema, batches: batches), rows)
    }

    @Test(arguments: [1, 2])
    func mergedPartialTablesMatchARowReference(parallelism: Int) throws {
        let (frame, input) = Self.input(seed: 0x9A27, count: 9_000)
        let result = try frame.groupBy(col("k")).agg([
            AggregateExpression(.countRows, nil, as: "n"),
            AggregateExpression(.min, col("t"), as: "min_t"),
            AggregateExpression(.max, col("t"), as: "max_t"),
            AggregateExpression(.sum, col("t"), as: "sum_t"),
            AggregateExpression(.argMax, col("s"), col("t"), as: "arg_max_s"),
            AggregateExpression(.argMin, col("s"), col("t"), as: "arg_min_s"),
        ]).collect(options: ExecutionOptions(parallelism: parallelism))
        var order: [Value] = []
        var groups: [Value: Reference] = [:]
        for row in input {
            if groups[row[0]] == nil { order.append(row[0]) }
            var group = groups[row[0]] ?? Reference()
            group.rows += 1
            if let key = row[2].int64 {
                group.minimum = min(group.minimum ?? key, key)
                group.maximum = max(group.maximum ?? key, key)
                group.sum = (group.sum ?? 0) + key
                if group.argMax == nil || key > (group.argMax?.key ?? .min) { group.argMax = (key, row[1]) }
                if group.argMin == nil || key < (group.argMin?.key ?? .max) { group.argMin = (key, row[1]) }
            }
            groups[row[0]] = group
        }
        let output = rows(result)
        #expect(output.map { $0[0] } == order)
        for line in output {
            guard let group = groups[line[0]] else { continue }
            #expect(line[1] == .int(Int64(group.rows)))
            #expect(line[2] == (group.minimum.map(Value.int) ?? .null))
            #expect(line[3] == (group.maximum.map(Value.int) ?? .null))
            #expect(line[4] == (group.sum.map(Value.int) ?? .null))
            #expect(line[5] == (group.argMax?.value ?? .null))
            #expect(line[6] == (group.argMin?.value ?? .null))
        }
    }

    @Test func aSingleMorselGivesTheSameGroupsAsManyMorsels() throws {
        // One batch is one partial table, taken over by the final table without a merge.
        let (frame, _) = Self.input(seed: 0x51E, count: 4_000)
        let (single, _) = Self.input(seed: 0x51E, count: 4_000, batchRows: 4_000)
        let aggregates = [
            AggregateExpression(.countRows, nil, as: "n"), AggregateExpression(.max, col("t"), as: "max_t"),
            AggregateExpression(.argMax, col("s"), col("t"), as: "arg_max_s"),
        ]
        let options = ExecutionOptions(parallelism: 2)
        let whole = rows(try single.groupBy(col("k")).agg(aggregates).collect(options: options))
        let split = rows(try frame.groupBy(col("k")).agg(aggregates).collect(options: options))
        #expect(whole.count == 300)
        #expect(whole == split)
    }
}
