import LakeColumnar
import LakeCore
import LakeTable
import Testing

@Suite struct PartitionValueCodecTests {
    @Test(arguments: [
        (Value.string("eu"), DataType.utf8, "eu"), (.int(-42), .int32, "-42"), (.int(7), .int8, "7"),
        (.int(Int64.max), .int64, "9223372036854775807"), (.bool(true), .bool, "true"),
        (.decimal(-225), .decimal(precision: 5, scale: 2), "-2.25"),
        (.decimal(5), .decimal(precision: 3, scale: 2), "0.05"),
        (.decimal(12), .decimal(precision: 4, scale: 0), "12"), (.int(19_723), .date32, "2024-01-01"),
        (.int(-1), .date32, "1969-12-31"),
        (.int(1_704_164_645_123_456), .timestamp(.microseconds, utc: true), "2024-01-02T03:04:05.123456Z"),
        (.int(-1), .timestamp(.microseconds, utc: true), "1969-12-31T23:59:59.999999Z"),
        (.int(1_704_164_645_000_000), .timestamp(.microseconds, utc: false), "2024-01-02 03:04:05.000000"),
    ])
    func serializesPerTypeAndParsesBack(value: Value, type: DataType, text: String) throws {
        #expect(try PartitionValueCodec.serialize(value, as: type, column: "p") == text)
        #expect(try PartitionValueCodec.parse(text, as: type, column: "p") == value)
    }

    @Test(arguments: [
        ("+5", DataType.int32, Value.int(5)), ("TRUE", .bool, .bool(true)),
        ("1.5", .decimal(precision: 5, scale: 2), .decimal(150)),
        ("1.5E+2", .decimal(precision: 5, scale: 0), .decimal(150)),
        ("900.0", .decimal(precision: 5, scale: 1), .decimal(9_000)),
        ("2024-01-02 03:04:05.123456", .timestamp(.microseconds, utc: true), .int(1_704_164_645_123_456)),
        ("2024-01-02 03:04:05", .timestamp(.microseconds, utc: true), .int(1_704_164_645_000_000)),
        ("2024-01-02T05:04:05.5+02:00", .timestamp(.microseconds, utc: true), .int(1_704_164_645_500_000)),
        ("2024-01-02T03:04:05", .timestamp(.microseconds, utc: false), .int(1_704_164_645_000_000)),
        ("NaN", .float64, .float64(.nan)), ("-Infinity", .float32, .float32(-.infinity)),
    ])
    func acceptsTheLenientFormsPeersWrite(text: String, type: DataType, expected: Value) throws {
        #expect(try PartitionValueCodec.parse(text, as: type, column: "p") == expected)
    }

    @Test func nullAbsentAndEmptyAllReadAsNull() throws {
        #expect(try PartitionValueCodec.parse(nil, as: .int64, column: "p") == .null)
        #expect(try PartitionValueCodec.parse("", as: .date32, column: "p") == .null)
        #expect(try PartitionValueCodec.serialize(.null, as: .int64, column: "p") == nil)
        #expect(try PartitionValueCodec.serialize(.string(""), as: .utf8, column: "p") == nil)
    }

    @Test(arguments: [
        ("128", DataType.int8), ("1.5", .int64), ("yes", .bool), ("1.234", .decimal(precision: 5, scale: 2)),
        ("123456", .decimal(precision: 5, scale: 2)), ("2024-02-30", .date32), ("2024-1-2", .date32),
        ("2024-01-02 25:00:00", .timestamp(.microseconds, utc: true)),
        ("2024-01-02 03:04:05Z", .timestamp(.microseconds, utc: false)), ("-2.-25", .decimal(precision: 5, scale: 2)),
    ])
    func textThatDoesNotParseForTheColumnTypeIsRefused(text: String, type: DataType) {
        #expect(throws: TableLogError.invalidPartitionValue(column: "p", value: text, type: type.description)) {
            try PartitionValueCodec.parse(text, as: type, column: "p")
        }
    }

    @Test func floatAndBinaryPartitionColumnsAreRefusedOnWrite() {
        #expect(throws: TableLogError.unsupportedType(column: "f", type: "float64 as a partition column")) {
            try PartitionValueCodec.serialize(.float64(1), as: .float64, column: "f")
        }
        #expect(throws: TableLogError.unsupportedType(column: "b", type: "binary as a partition column")) {
            try PartitionValueCodec.serialize(.bytes([1]), as: .binary, column: "b")
        }
    }

    @Test func randomTimestampsAndDecimalsRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x9A27)
        for _ in 0..<1_000 {
            let micros = Int64.random(in: -30_000_000_000_000_000...200_000_000_000_000_000, using: &rng)
            for utc in [true, false] {
                let type = DataType.timestamp(.microseconds, utc: utc)
                let text = try #require(try PartitionValueCodec.serialize(.int(micros), as: type, column: "t"))
                #expect(try PartitionValueCodec.parse(text, as: type, column: "t") == .int(micros), "\(text)")
            }
            let unscaled = Int128(Int64.random(in: -999_999_999_999...999_999_999_999, using: &rng))
            let decimal = DataType.decimal(precision: 18, scale: 4)
            let text = try #require(try PartitionValueCodec.serialize(.decimal(unscaled), as: decimal, column: "d"))
            #expect(try PartitionValueCodec.parse(text, as: decimal, column: "d") == .decimal(unscaled), "\(text)")
        }
    }

    @Test func directoryNamesEscapeLikeHive() {
        #expect(PartitionValueCodec.directoryName(column: "region", value: "c d/e") == "region=c%20d%2Fe")
        #expect(
            PartitionValueCodec.directoryName(column: "at", value: "2024-01-02T03:04:05.000000Z")
                == "at=2024-01-02T03%3A04%3A05.000000Z")
        #expect(PartitionValueCodec.directoryName(column: "r", value: nil) == "r=__HIVE_DEFAULT_PARTITION__")
        #expect(PartitionValueCodec.directoryName(column: "a b", value: "x=y%z") == "a%20b=x%3Dy%25z")
    }
}
