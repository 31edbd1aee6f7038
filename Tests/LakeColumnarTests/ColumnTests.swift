import LakeColumnar
import LakeCore
import Testing

@Suite struct ColumnTests {
    @Test func builderTracksNullsLazilyAndConvertsIntegerWidths() throws {
        var builder = ColumnBuilder(type: .int16)
        try builder.append(.int(1))
        try builder.append(.uint(2))
        builder.appendNull()
        let column = builder.build()
        #expect(column.count == 3)
        #expect(column.nullCount == 1)
        #expect(column.value(at: 0) == .int(1))
        #expect(column.value(at: 1) == .int(2))
        #expect(column.value(at: 2) == .null)
        #expect(throws: ColumnarError.typeMismatch(expected: .int16, got: "int(40000)")) {
            try builder.append(.int(40_000))
        }
    }

    @Test func slicingCopiesValuesOffsetsAndValidity() throws {
        var builder = ColumnBuilder(type: .utf8)
        for text in ["a", "bb", "", "dddd"] { try builder.append(.string(text)) }
        builder.appendNull()
        let slice = builder.build().slice(1..<5)
        #expect((0..<slice.count).map { slice.value(at: $0) } == [.string("bb"), .string(""), .string("dddd"), .null])
        guard case .bytes(let offsets, _) = slice.values else { Issue.record("not bytes"); return }
        #expect(offsets.first == 0)
    }

    @Test func equalityComparesFloatsByBitPattern() {
        let nan = Column(type: .float64, values: .float64([.nan, 0.0]))
        #expect(nan == Column(type: .float64, values: .float64([.nan, 0.0])))
        #expect(nan != Column(type: .float64, values: .float64([.nan, -0.0])))
    }

    @Test(arguments: [0, 1, 63, 64, 65, 1_000])
    func bitmapCountsAndSlicesAgreeWithBooleans(count: Int) {
        var random = SeededGenerator(seed: UInt64(count))
        let bits = (0..<count).map { _ in Bool.random(using: &random) }
        let bitmap = Bitmap(bits)
        #expect(bitmap.count == count)
        #expect(bitmap.setCount == bits.filter { $0 }.count)
        #expect((0..<count).allSatisfy { bitmap[$0] == bits[$0] })
        let half = count / 2
        let slice = bitmap.slice(half..<count)
        #expect((0..<slice.count).allSatisfy { slice[$0] == bits[half + $0] })
    }

    @Test(arguments: [
        "int64", "decimal(10,2)", "timestamp(us,UTC)", "timestamp(ns)", "time(ms)", "fixed_size_binary(16)", "utf8",
    ])
    func dataTypesParseTheirOwnDescription(text: String) throws {
        let type = try #require(DataType(parsing: text))
        #expect(type.description == text)
    }

    @Test func invalidTypeTextIsRejected() {
        for text in ["decimal(40,2)", "decimal(5,6)", "timestamp(s)", "fixed_size_binary(0)", "int65", ""] {
            #expect(DataType(parsing: text) == nil, "\(text)")
        }
    }

    @Test func formatterRendersTemporalAndDecimalValues() {
        #expect(ValueFormatter.date(days: 0) == "1970-01-01")
        #expect(ValueFormatter.date(days: 19_723) == "2024-01-01")
        #expect(ValueFormatter.date(days: -1) == "1969-12-31")
        #expect(ValueFormatter.timestamp(1_704_067_200_000_001, unit: .microseconds, utc: true) == "2024-01-01T00:00:00.000001Z")
        #expect(ValueFormatter.timestamp(-1, unit: .milliseconds, utc: false) == "1969-12-31T23:59:59.999")
        #expect(ValueFormatter.time(3_723_004, unit: .milliseconds) == "01:02:03.004")
        #expect(ValueFormatter.decimal(-1250, scale: 2) == "-12.50")
        #expect(ValueFormatter.decimal(5, scale: 3) == "0.005")
        #expect(ValueFormatter.decimal(42, scale: 0) == "42")
        #expect(ValueFormatter.hex([0, 171, 255]) == "00abff")
    }
}
