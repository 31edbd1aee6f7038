import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct AggregateFunctionExtensionTests {
    /// One reference group of `RandomTable` rows grouped by k, in input order.
    struct Group {
        var g: [Value] = []
        var v: [Value] = []
    }

    static func groups(_ table: RandomTable) -> (order: [Value], groups: [Value: Group]) {
        var order: [Value] = []
        var groups: [Value: Group] = [:]
        for row in table.rows {
            if groups[row[1]] == nil { order.append(row[1]) }
            groups[row[1], default: Group()].g.append(row[0])
            groups[row[1], default: Group()].v.append(row[2])
        }
        return (order, groups)
    }

    @Test(arguments: [1, 2, 4])
    func newAggregatesMatchARowReference(parallelism: Int) throws {
        let table = RandomTable(seed: 0xB0A, rowCount: 2_500)
        let result = try table.frame.groupBy([.column("k")]).agg([
            AggregateExpression(.variancePopulation, col("v"), as: "var_pop"),
            AggregateExpression(.stddevPopulation, col("v"), as: "stddev_pop"),
            AggregateExpression(.boolAnd, col("v") > lit(-900), as: "all_big"),
            AggregateExpression(.boolOr, col("v") > lit(990), as: "any_huge"),
            AggregateExpression(.anyValue, col("v"), as: "any"),
            AggregateExpression(.stringAgg, col("g"), lit("|"), as: "names"),
            AggregateExpression(.argMin, col("g"), col("v"), as: "g_at_min"),
            AggregateExpression(.argMax, col("g"), col("v"), as: "g_at_max"),
            AggregateExpression(.sum, col("v") % lit(7), distinct: true, as: "sum_distinct"),
            AggregateExpression(.avg, col("v") % lit(7), distinct: true, as: "avg_distinct"),
            AggregateExpression(.count, col("v") % lit(7), distinct: true, as: "count_distinct"),
            AggregateExpression(.stringAgg, col("g"), distinct: true, as: "distinct_names"),
        ]).collect(options: ExecutionOptions(parallelism: parallelism))
        let (order, groups) = Self.groups(table)
        let output = rows(result)
        #expect(output.map { $0[0] } == order)
        for line in output {
            let group = groups[line[0]] ?? Group()
            let numbers = group.v.compactMap(\.int64)
            let mean = Double(numbers.reduce(0, +)) / Double(numbers.count)
            let variance =
                numbers.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(numbers.count)
            #expect(Swift.abs((line[1].double ?? -1) - variance) < 1e-6 * variance)
            #expect(Swift.abs((line[2].double ?? -1) - variance.squareRoot()) < 1e-6 * variance)
            #expect(line[3] == .bool(numbers.allSatisfy { $0 > -900 }))
            #expect(line[4] == .bool(numbers.contains { $0 > 990 }))
            #expect(line[5] == (numbers.first.map(Value.int) ?? .null))
            let names = group.g.compactMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }
            #expect(line[6] == .string(names.joined(separator: "|")))
            let keyed = zip(group.g, group.v).compactMap { name, value in value.int64.map { (name, $0) } }
            let smallest = keyed.min { $0.1 < $1.1 }
            let largest = keyed.reduce(nil) { (best: (Value, Int64)?, next) in
                best.map { $0.1 >= next.1 ? $0 : next } ?? next
            }
            #expect(line[7] == smallest?.0 ?? .null)
            #expect(line[8] == largest?.0 ?? .null)
            var distinct: [Int64] = []
            for number in numbers where !distinct.contains(number % 7) { distinct.append(number % 7) }
            #expect(line[9] == .int(distinct.reduce(0, +)))
            #expect(line[10] == .float64(Double(distinct.reduce(0, +)) / Double(distinct.count)))
            #expect(line[11] == .int(Int64(distinct.count)))
            var distinctNames: [String] = []
            for name in names where !distinctNames.contains(name) { distinctNames.append(name) }
            #expect(line[12] == .string(distinctNames.joined(separator: ",")))
        }
    }

    @Test func emptyAndAllNullGroupsGiveNull() throws {
        let schema = Schema([Field("b", .bool), Field("s", .utf8), Field("x", .int64)])
        let batch = Batch(
            schema: schema,
            columns: [makeColumn(.bool, [.null]), makeColumn(.utf8, [.null]), makeColumn(.int64, [.int(3)])])
        for batches in [[], [batch]] {
            let result = try DataFrame(name: "t", schema: schema, batches: batches).agg(
                AggregateExpression(.boolAnd, col("b"), as: "a"),
                AggregateExpression(.boolOr, col("b"), as: "o"),
                AggregateExpression(.stringAgg, col("s"), as: "s"),
                AggregateExpression(.anyValue, col("s"), as: "v"),
                AggregateExpression(.argMax, col("x"), col("s"), as: "m"),
                AggregateExpression(.variancePopulation, col("x"), as: "vp"),
                AggregateExpression(.varianceSample, col("x"), as: "vs"),
                AggregateExpression(.sum, col("x"), distinct: true, as: "sd")
            ).collect()
            let expected: [Value] =
                batches.isEmpty
                ? Array(repeating: .null, count: 8) : [.null, .null, .null, .null, .null, .float64(0), .null, .int(3)]
            #expect(rows(result) == [expected])
        }
    }

    @Test func argExtremesKeepTheFirstRowOnTiesAndReturnNullValues() throws {
        let batch = makeBatch([
            ("name", makeColumn(.utf8, [.string("a"), .null, .string("c"), .string("d")])),
            ("score", makeColumn(.int64, [.int(5), .int(9), .int(9), .null])),
        ])
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch])
        let result = try frame.agg(
            AggregateExpression(.argMax, col("name"), col("score"), as: "best"),
            AggregateExpression(.argMin, col("score"), col("name"), as: "score_of_first_name")
        ).collect()
        #expect(rows(result) == [[.null, .int(5)]])
    }

    @Test func stringAggRendersOtherTypesAndAcceptsANullSeparator() throws {
        let batch = single(.int32, [.int(1), .null, .int(3)])
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch])
        let result = try frame.agg(
            AggregateExpression(.stringAgg, col("x"), as: "default"),
            AggregateExpression(.stringAgg, col("x"), nullLiteral, as: "none")
        ).collect()
        #expect(rows(result) == [[.string("1,3"), .string("13")]])
    }

    @Test func misusedArgumentsFailAtPlanning() {
        let batch = makeBatch([("x", makeColumn(.int64, [.int(1)])), ("s", makeColumn(.utf8, [.string("a")]))])
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch])
        #expect(throws: ExecutionError.invalidArgument(function: "arg_min", reason: "needs a second argument")) {
            try frame.agg(AggregateExpression(.argMin, col("x"), as: "m")).collect()
        }
        #expect(throws: ExecutionError.invalidArgument(function: "sum", reason: "takes one argument")) {
            try frame.agg(AggregateExpression(.sum, col("x"), col("x"), as: "m")).collect()
        }
        #expect(
            throws: ExecutionError.invalidArgument(
                function: "string_agg", reason: "the separator must be a constant string")
        ) {
            try frame.agg(AggregateExpression(.stringAgg, col("s"), col("s"), as: "m")).collect()
        }
        #expect(throws: ExecutionError.invalidArgument(function: "arg_max", reason: "does not take DISTINCT")) {
            try frame.agg(AggregateExpression(.argMax, col("x"), col("x"), distinct: true, as: "m")).collect()
        }
        #expect(throws: ExecutionError.typeMismatch("bool_and needs a bool argument")) {
            try frame.agg(AggregateExpression(.boolAnd, col("x"), as: "m")).collect()
        }
    }
}
