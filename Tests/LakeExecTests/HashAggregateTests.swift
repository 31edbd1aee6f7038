import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct HashAggregateTests {
    /// Per-group reference state, in order of first appearance.
    struct ReferenceGroup {
        var rows = 0
        var values: [Int64] = []
        var floats: [Double] = []
        var decimals: [Int128] = []
        var firstV: Value? = nil
        var lastV: Value = .null
        var minG: Value = .null
    }

    @Test(arguments: [1, 2, 4])
    func groupedAggregatesMatchARowReference(parallelism: Int) throws {
        let table = RandomTable(seed: 0xA66, rowCount: 3_000)
        let result = try table.frame.groupBy([.column("g"), .column("k")]).agg([
            AggregateExpression(.countRows, nil, as: "rows"),
            AggregateExpression(.count, col("v"), as: "count_v"),
            AggregateExpression(.sum, col("v"), as: "sum_v"),
            AggregateExpression(.min, col("v"), as: "min_v"),
            AggregateExpression(.max, col("v"), as: "max_v"),
            AggregateExpression(.avg, col("f"), as: "avg_f"),
            AggregateExpression(.sum, col("d"), as: "sum_d"),
            AggregateExpression(.countDistinct, col("v") % lit(7), as: "distinct_v"),
            AggregateExpression(.first, col("v"), as: "first_v"),
            AggregateExpression(.last, col("v"), as: "last_v"),
            AggregateExpression(.max, col("g"), as: "max_g"),
            AggregateExpression(.stddevSample, col("v"), as: "stddev_v"),
        ]).collect(options: ExecutionOptions(parallelism: parallelism))

        var order: [[Value]] = []
        var groups: [[Value]: ReferenceGroup] = [:]
        for row in table.rows {
            let key = [row[0], row[1]]
            if groups[key] == nil { order.append(key) }
            var group = groups[key] ?? ReferenceGroup()
            group.rows += 1
            if let v = row[2].int64 { group.values.append(v) }
            if let f = row[3].double { group.floats.append(f) }
            if case .decimal(let d) = row[4] { group.decimals.append(d) }
            if group.firstV == nil { group.firstV = row[2] }
            group.lastV = row[2]
            if row[0] != .null && (group.minG == .null || referenceCompare(row[0], group.minG) > 0) {
                group.minG = row[0]
            }
            groups[key] = group
        }
        let output = rows(result)
        #expect(output.count == order.count)
        for (line, key) in zip(output, order) {
            guard let group = groups[key] else { continue }
            #expect(Array(line[0...1]) == key)
            #expect(line[2] == .int(Int64(group.rows)))
            #expect(line[3] == .int(Int64(group.values.count)))
            #expect(line[4] == (group.values.isEmpty ? .null : .int(group.values.reduce(0, +))))
            #expect(line[5] == (group.values.min().map(Value.int) ?? .null))
            #expect(line[6] == (group.values.max().map(Value.int) ?? .null))
            if group.floats.isEmpty {
                #expect(line[7] == .null)
            } else if group.floats.contains(where: \.isNaN) {
                #expect(line[7].double?.isNaN == true)
            } else {
                #expect(line[7] == .float64(group.floats.reduce(0, +) / Double(group.floats.count)))
            }
            #expect(line[8] == (group.decimals.isEmpty ? .null : .decimal(group.decimals.reduce(0, +))))
            #expect(line[9] == .int(Int64(Set(group.values.map { $0 % 7 }).count)))
            #expect(line[10] == group.firstV)
            #expect(line[11] == group.lastV)
            #expect(line[12] == group.minG)
            if group.values.count < 2 {
                #expect(line[13] == .null)
            } else {
                let mean = Double(group.values.reduce(0, +)) / Double(group.values.count)
                let variance =
                    group.values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
                    / Double(group.values.count - 1)
                #expect(abs((line[13].double ?? -1) - variance.squareRoot()) < 1e-9 * max(1, variance.squareRoot()))
            }
        }
    }

    @Test func floatGroupKeysMergeNegativeZeroAndNaN() throws {
        let batch = single(.float64, [.float64(0.0), .float64(-0.0), .float64(.nan), .float64(-.nan), .null, .null])
        let result = try DataFrame(name: "t", schema: batch.schema, batches: [batch])
            .groupBy(col("x")).agg(AggregateExpression(.countRows, nil, as: "n")).collect()
        let output = rows(result)
        #expect(output.count == 3)
        #expect(output[0] == [.float64(0.0), .int(2)])
        #expect(output[1][0].double?.isNaN == true && output[1][1] == .int(2))
        #expect(output[2] == [.null, .int(2)])
    }

    @Test func globalAggregateOverEmptyInputGivesOneRow() throws {
        let table = RandomTable(seed: 9, rowCount: 0)
        let result = try table.frame.agg(
            AggregateExpression(.countRows, nil, as: "n"), AggregateExpression(.count, col("v"), as: "c"),
            AggregateExpression(.sum, col("v"), as: "s"), AggregateExpression(.max, col("g"), as: "m"),
            AggregateExpression(.first, col("v"), as: "f")
        ).collect()
        #expect(rows(result) == [[.int(0), .int(0), .null, .null, .null]])
        let grouped = try table.frame.groupBy(col("g")).agg(AggregateExpression(.countRows, nil, as: "n")).collect()
        #expect(grouped.isEmpty)
    }

    @Test func integerSumOverflowIsAnError() {
        let batch = single(.int64, [.int(Int64.max), .int(1)])
        #expect(throws: ExecutionError.arithmeticOverflow(operation: "int64 sum")) {
            try DataFrame(name: "t", schema: batch.schema, batches: [batch])
                .agg(AggregateExpression(.sum, col("x"), as: "s")).collect()
        }
    }

    @Test func sumOfDecimalsKeepsScaleAndAverageIsFloat() throws {
        let batch = single(.decimal(precision: 5, scale: 2), [.decimal(150), .decimal(-25), .null])
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch]).agg(
            AggregateExpression(.sum, col("x"), as: "s"), AggregateExpression(.avg, col("x"), as: "a"),
            AggregateExpression(.varianceSample, col("x"), as: "v"))
        #expect(try frame.schema().fields.map(\.type) == [.decimal(precision: 38, scale: 2), .float64, .float64])
        #expect(rows(try frame.collect()) == [[.decimal(125), .float64(0.625), .float64(1.53125)]])
    }

    @Test func exceedingTheMemoryLimitFailsWithATypedError() {
        let table = RandomTable(seed: 0x3E3, rowCount: 5_000)
        let options = ExecutionOptions(memoryLimitBytes: 4_096, parallelism: 2)
        #expect {
            try table.frame.groupBy(col("v"), col("d")).agg(AggregateExpression(.countRows, nil, as: "n"))
                .collect(options: options)
        } throws: { error in
            guard case ExecutionError.memoryLimitExceeded(let name, let limit, let requested) = error else {
                return false
            }
            return name == "hash aggregate" && limit == 4_096 && requested > limit
        }
    }

    @Test func aggregateRejectsNestedArgumentsAndBadTypes() {
        let batch = single(.utf8, [.string("a")])
        #expect(throws: ExecutionError.typeMismatch("sum needs a numeric argument")) {
            try DataFrame(name: "t", schema: batch.schema, batches: [batch])
                .agg(AggregateExpression(.sum, col("x"), as: "s")).collect()
        }
    }
}
