import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct KeyEncodingTests {
    @Test func distinctOverManyKeysGrowsTheHashTable() throws {
        var generator = SeededGenerator(seed: 0x6A0)
        let values: [Value] = (0..<30_000).map { _ in .int(Int64.random(in: 0..<20_000, using: &generator)) }
        let batches = stride(from: 0, to: values.count, by: 1_000).map { start in
            single(.int64, Array(values[start..<start + 1_000]))
        }
        let result = try DataFrame(name: "t", schema: batches[0].schema, batches: batches).distinct().collect()
        var seen = Set<Value>()
        #expect(rows(result).map { $0[0] } == values.filter { seen.insert($0).inserted })
    }

    @Test func groupKeysOfEveryFlatKindKeepTheirTypesAndValues() throws {
        let batch = makeBatch([
            ("b", makeColumn(.bool, [.bool(true), .bool(false), .bool(true), .null])),
            (
                "d",
                makeColumn(.decimal(precision: 20, scale: 3), [.decimal(-1), .decimal(5), .decimal(-1), .decimal(5)])
            ),
            ("day", makeColumn(.date32, [.days(2024, 1, 1), .days(1969, 1, 1), .days(2024, 1, 1), .null])),
            (
                "h",
                makeColumn(
                    .fixedSizeBinary(width: 2), [.bytes([0, 1]), .bytes([0, 0]), .bytes([0, 1]), .bytes([0, 0])])
            ),
            ("u", makeColumn(.uint64, [.uint(UInt64.max), .uint(0), .uint(UInt64.max), .uint(0)])),
        ])
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch])
            .groupBy([.column("b"), .column("d"), .column("day"), .column("h"), .column("u")])
            .agg(AggregateExpression(.countRows, nil, as: "n"))
        #expect(try frame.schema().fields.map(\.type) == batch.schema.fields.map(\.type) + [.int64])
        #expect(
            rows(try frame.collect()) == [
                [.bool(true), .decimal(-1), .days(2024, 1, 1), .bytes([0, 1]), .uint(UInt64.max), .int(2)],
                [.bool(false), .decimal(5), .days(1969, 1, 1), .bytes([0, 0]), .uint(0), .int(1)],
                [.null, .decimal(5), .null, .bytes([0, 0]), .uint(0), .int(1)],
            ])
    }

    @Test func stringKeysWithZeroBytesAndPrefixesSortAndGroupCorrectly() throws {
        let texts: [Value] = [
            .string("a\u{0}b"), .string("a"), .string("a\u{0}"), .string(""), .string("ab"), .string("a"),
        ]
        let batch = single(.utf8, texts)
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch])
        let ascending = try frame.sort(SortKey(col("x"))).collect()
        #expect(
            rows(ascending).map { $0[0] } == [
                .string(""), .string("a"), .string("a"), .string("a\u{0}"), .string("a\u{0}b"), .string("ab"),
            ])
        let descending = try frame.sort(SortKey(col("x"), ascending: false)).collect()
        #expect(
            rows(descending).map { $0[0] } == [
                .string("ab"), .string("a\u{0}b"), .string("a\u{0}"), .string("a"), .string("a"), .string(""),
            ])
        let groups = try frame.groupBy(col("x")).agg(AggregateExpression(.countRows, nil, as: "n")).collect()
        #expect(rows(groups).count == 5)
    }

    @Test func sortKeysOfMixedWidthsMatchTheReference() throws {
        var generator = SeededGenerator(seed: 0x50F7)
        let count = 3_000
        let small: [Value] = (0..<count).map { _ in
            Int.random(in: 0..<10, using: &generator) == 0 ? .null : .int(Int64.random(in: -3...3, using: &generator))
        }
        let words: [Value] = (0..<count).map { _ in
            .string(
                String(
                    (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                        "ab\u{0}é".randomElement(using: &generator)!
                    }))
        }
        let big: [Value] = (0..<count).map { _ in .int(Int64.random(in: .min ... .max, using: &generator)) }
        let batch = makeBatch([
            ("s", makeColumn(.int8, small)), ("w", makeColumn(.utf8, words)), ("b", makeColumn(.int64, big)),
        ])
        let result = try DataFrame(name: "t", schema: batch.schema, batches: [batch])
            .sort(
                SortKey(col("s"), ascending: false, nullsFirst: true), SortKey(col("w")),
                SortKey(col("b"), ascending: false)
            )
            .collect()
        let input = (0..<count).map { [small[$0], words[$0], big[$0]] }
        #expect(rows(result) == referenceSort(input, keys: [(0, false, true), (1, true, false), (2, false, false)]))
    }
}
