import LakeColumnar
import LakeCore
import LakeTable
import Testing

@Suite struct FileStatisticsTests {
    static let schema = Schema([
        Field("id", .int64), Field("price", .decimal(precision: 7, scale: 2)), Field("day", .date32),
        Field("at", .timestamp(.microseconds, utc: true)), Field("local", .timestamp(.microseconds, utc: false)),
        Field("name", .utf8), Field("ok", .bool), Field("ratio", .float64),
    ])

    @Test func readsTheStatisticsDeltaRsWrites() throws {
        let text =
            #"{"numRecords":3,"minValues":{"id":-4,"price":900.0,"day":"2024-01-01","#
            + #""at":"2024-01-02T03:04:05.123Z","local":"2024-05-01 08:30:00","name":"a","ratio":-0.0,"#
            + #""nested":{"x":1}},"maxValues":{"id":9,"price":12,"at":"2024-01-02T05:04:05+02:00","name":7},"#
            + #""nullCount":{"id":0,"name":1,"nested":{"x":0}},"tightBounds":false}"#
        let statistics = try #require(FileStatistics(parsing: text, schema: Self.schema))
        #expect(statistics.numRecords == 3 && statistics.tightBounds == false)
        #expect(statistics.minValues["id"] == .int(-4) && statistics.maxValues["id"] == .int(9))
        #expect(statistics.minValues["price"] == .decimal(90_000) && statistics.maxValues["price"] == .decimal(1_200))
        #expect(statistics.minValues["day"] == .int(19_723))
        #expect(statistics.minValues["at"] == .int(1_704_164_645_123_000))
        #expect(statistics.maxValues["at"] == .int(1_704_164_645_000_000))
        #expect(statistics.minValues["local"] == .int(1_714_552_200_000_000))
        #expect(statistics.minValues["ratio"] == .float64(-0.0))
        #expect(statistics.maxValues["name"] == nil, "a bound of the wrong JSON type is absent, not an error")
        #expect(statistics.nullCount == ["id": 0, "name": 1])
    }

    @Test func textThatIsNotAnObjectGivesNoStatistics() {
        #expect(FileStatistics(parsing: "not json", schema: Self.schema) == nil)
        #expect(FileStatistics(parsing: "[1]", schema: Self.schema) == nil)
    }

    @Test func collectsBoundsAndNullCountsFromBatches() throws {
        var rng = SeededGenerator(seed: 0x57A7)
        var batches: [Batch] = []
        var ids: [Int64] = []
        var nullNames: Int64 = 0
        for _ in 0..<3 {
            var idBuilder = ColumnBuilder(type: .int64)
            var nameBuilder = ColumnBuilder(type: .utf8)
            for _ in 0..<50 {
                let id = Int64.random(in: -1_000...1_000, using: &rng)
                ids.append(id)
                try idBuilder.append(.int(id))
                if Bool.random(using: &rng) {
                    nameBuilder.appendNull()
                    nullNames += 1
                } else {
                    try nameBuilder.append(.string("n\(id)"))
                }
            }
            batches.append(
                Batch(
                    schema: Schema([Field("id", .int64), Field("name", .utf8)]),
                    columns: [idBuilder.build(), nameBuilder.build()]))
        }
        let schema = batches[0].schema
        let statistics = StatisticsCollector.statistics(of: batches, schema: schema)
        #expect(statistics.numRecords == 150)
        #expect(statistics.minValues["id"] == .int(try #require(ids.min())))
        #expect(statistics.maxValues["id"] == .int(try #require(ids.max())))
        #expect(statistics.nullCount == ["id": 0, "name": nullNames])
        let reparsed = try #require(FileStatistics(parsing: try statistics.jsonString(schema: schema), schema: schema))
        #expect(reparsed == statistics)
    }

    @Test func writesBoundsInTheSpecFormats() throws {
        let statistics = FileStatistics(
            numRecords: 2,
            minValues: [
                "id": .int(-1), "price": .decimal(-5), "day": .int(0), "at": .int(1_704_164_645_123_999),
                "local": .int(-1), "name": .string("a\"b"), "ok": .bool(true),
            ],
            maxValues: ["price": .decimal(123_456)], nullCount: ["id": 0, "ok": 2])
        #expect(
            try statistics.jsonString(schema: Self.schema)
                == #"{"numRecords":2,"minValues":{"id":-1,"price":-0.05,"day":"1970-01-01","#
                + #""at":"2024-01-02T03:04:05.123Z","local":"1969-12-31T23:59:59.999","name":"a\"b"},"#
                + #""maxValues":{"price":1234.56},"nullCount":{"id":0,"ok":2}}"#)
    }

    @Test func longStringBoundsAreTruncatedAndMaxStaysAnUpperBound() throws {
        let long = String(repeating: "é", count: 40)
        var builder = ColumnBuilder(type: .utf8)
        try builder.append(.string(long))
        try builder.append(.string("short"))
        let schema = Schema([Field("s", .utf8)])
        let statistics = StatisticsCollector.statistics(
            of: [Batch(schema: schema, columns: [builder.build()])], schema: schema)
        #expect(statistics.minValues["s"] == .string("short"))
        #expect(statistics.maxValues["s"] == .string(String(repeating: "é", count: 32) + "\u{10FFFF}"))
        guard case .string(let maximum) = statistics.maxValues["s"] else { return }
        #expect(long.utf8.lexicographicallyPrecedes(maximum.utf8))
    }

    @Test func floatColumnWithNaNGetsNoBoundsAndBooleansOnlyNullCounts() throws {
        var floats = ColumnBuilder(type: .float64)
        try floats.append(.float64(1))
        try floats.append(.float64(.nan))
        var flags = ColumnBuilder(type: .bool)
        try flags.append(.bool(true))
        flags.appendNull()
        let schema = Schema([Field("ratio", .float64), Field("ok", .bool)])
        let statistics = StatisticsCollector.statistics(
            of: [Batch(schema: schema, columns: [floats.build(), flags.build()])], schema: schema)
        #expect(statistics.minValues.isEmpty && statistics.maxValues.isEmpty)
        #expect(statistics.nullCount == ["ratio": 0, "ok": 1])
    }
}
