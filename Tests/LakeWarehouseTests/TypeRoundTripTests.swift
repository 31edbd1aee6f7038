import LakeColumnar
import LakeCore
import LakeWarehouse
import Testing

/// Every flat column type is loaded through binary COPY and read back, from a real server, without loss.
@Suite struct TypeRoundTripTests {
    static let schema = Schema([
        Field("row_id", .int64, nullable: false),
        Field("flag", .bool), Field("i8", .int8), Field("i16", .int16), Field("i32", .int32), Field("i64", .int64),
        Field("u8", .uint8), Field("u16", .uint16), Field("u32", .uint32), Field("u64", .uint64),
        Field("f32", .float32), Field("f64", .float64),
        Field("d38", .decimal(precision: 38, scale: 10)), Field("d9", .decimal(precision: 9, scale: 2)),
        Field("d18", .decimal(precision: 18, scale: 0)), Field("d5", .decimal(precision: 5, scale: 5)),
        Field("text", .utf8), Field("blob", .binary), Field("fixed", .fixedSizeBinary(width: 3)),
        Field("day", .date32), Field("t_ms", .time(.milliseconds)), Field("t_us", .time(.microseconds)),
        Field("t_ns", .time(.nanoseconds)), Field("ts_ms", .timestamp(.milliseconds, utc: false)),
        Field("ts_us_utc", .timestamp(.microseconds, utc: true)),
        Field("ts_ns_utc", .timestamp(.nanoseconds, utc: true)),
    ])

    /// Seeded random rows over each type's full range that PostgreSQL can hold, with about 20 % nulls and the
    /// awkward values (extremes, NaN, infinities, -0.0, empty strings, multi-byte UTF-8) mixed in.
    static func randomBatch(rows: Int, seed: UInt64) throws -> Batch {
        var rng = SeededGenerator(seed: seed)
        var columns: [Column] = []
        let pow10: (Int) -> Int128 = { digits in (0..<digits).reduce(Int128(1)) { value, _ in value * 10 } }
        for field in schema.fields {
            var values: [Value] = []
            for row in 0..<rows {
                if field.name == "row_id" {
                    values.append(.int(Int64(row)))
                    continue
                }
                if UInt8.random(in: 0..<5, using: &rng) == 0 {
                    values.append(.null)
                    continue
                }
                let edge = UInt8.random(in: 0..<8, using: &rng) == 0
                switch field.type {
                case .bool: values.append(.bool(Bool.random(using: &rng)))
                case .int8:
                    values.append(.int(edge ? Int64(Int8.min) : Int64(Int8.random(in: .min ... .max, using: &rng))))
                case .int16: values.append(.int(Int64(Int16.random(in: .min ... .max, using: &rng))))
                case .int32:
                    values.append(.int(edge ? Int64(Int32.max) : Int64(Int32.random(in: .min ... .max, using: &rng))))
                case .int64: values.append(.int(edge ? .min : Int64.random(in: .min ... .max, using: &rng)))
                case .uint8: values.append(.uint(UInt64(UInt8.random(in: 0 ... .max, using: &rng))))
                case .uint16:
                    values.append(.uint(edge ? UInt64(UInt16.max) : UInt64(UInt16.random(in: 0 ... .max, using: &rng))))
                case .uint32:
                    values.append(.uint(edge ? UInt64(UInt32.max) : UInt64(UInt32.random(in: 0 ... .max, using: &rng))))
                case .uint64: values.append(.uint(edge ? .max : UInt64.random(in: 0 ... .max, using: &rng)))
                case .float32:
                    let specials: [Float] = [
                        .nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                    ]
                    let value =
                        edge
                        ? specials.randomElement(using: &rng) ?? 0
                        : Float(bitPattern: UInt32.random(in: 0 ... .max, using: &rng))
                    values.append(.float32(value.isNaN ? .nan : value))
                case .float64:
                    let specials: [Double] = [
                        .nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                    ]
                    let value =
                        edge
                        ? specials.randomElement(using: &rng) ?? 0
                        : Double(bitPattern: UInt64.random(in: 0 ... .max, using: &rng))
                    values.append(.float64(value.isNaN ? .nan : value))
                case .decimal(let precision, _):
                    let limit = pow10(edge ? precision : Int.random(in: 1...precision, using: &rng)) - 1
                    values.append(
                        .decimal(
                            edge
                                ? (Bool.random(using: &rng) ? limit : -limit)
                                : Int128.random(in: -limit...limit, using: &rng)))
                case .utf8:
                    let alphabet: [Unicode.Scalar] = [
                        "a", "Z", "0", " ", "'", "\"", "\\", "\t", "\n", "é", "ß", "中", "😀", "\u{7F}", "\u{FFFD}",
                    ]
                    let length = edge ? 0 : Int.random(in: 0...40, using: &rng)
                    var text = ""
                    for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &rng) ?? "a") }
                    values.append(.string(text))
                case .binary:
                    let length = Int.random(in: 0...32, using: &rng)
                    values.append(.bytes((0..<length).map { _ in UInt8.random(in: 0 ... .max, using: &rng) }))
                case .fixedSizeBinary(let width):
                    values.append(.bytes((0..<width).map { _ in UInt8.random(in: 0 ... .max, using: &rng) }))
                case .date32:
                    // PostgreSQL dates run from 4714-11-24 BC (day -2,440,588 from 1970) to 5874897-12-31.
                    let range: ClosedRange<Int64> = -2_440_588...2_145_042_905
                    values.append(
                        .int(
                            edge
                                ? (Bool.random(using: &rng) ? range.lowerBound : range.upperBound)
                                : Int64.random(in: range, using: &rng)))
                case .time(let unit):
                    let perDay = 86_400 * unit.perSecond
                    let value = edge ? perDay - 1 : Int64.random(in: 0..<perDay, using: &rng)
                    values.append(.int(unit == .nanoseconds ? value / 1_000 * 1_000 : value))
                case .timestamp(let unit, _):
                    switch unit {
                    case .milliseconds:
                        values.append(.int(Int64.random(in: -210_866_803_200_000...(Int64.max / 1_000), using: &rng)))
                    case .microseconds:
                        values.append(
                            .int(
                                edge
                                    ? -210_866_803_200_000_000
                                    : Int64.random(in: -210_866_803_200_000_000 ... .max, using: &rng)))
                    case .nanoseconds:
                        values.append(.int(Int64.random(in: .min ... .max, using: &rng) / 1_000 * 1_000))
                    }
                default: Issue.record("no generator for \(field.type)")
                }
            }
            columns.append(try makeColumn(field.type, values))
        }
        return Batch(schema: schema, columns: columns)
    }

    @Test func everyTypeRoundTripsExactlyThroughBinaryCopy() throws {
        let database = try TestDatabase()
        let batch = try Self.randomBatch(rows: 3_000, seed: 0xC0FF_EE01)
        let loader = WarehouseLoader(url: database.url)
        var options = LoadOptions()
        options.chunkRowsMax = 700  // several COPY messages, rows split across chunk boundaries
        let report = try loader.load(
            LoadInput(
                schema: Self.schema, parts: [LoadPart(batches: [batch.slice(0..<1_234), batch.slice(1_234..<3_000)])]),
            into: TableName("all_types"), from: LoadSource(identity: "test/all_types", version: 0), options: options)
        #expect(report.rowsRead == 3_000 && report.rowsLoaded == 3_000)
        let back = try database.readBack("all_types", schema: Self.schema, orderBy: "row_id")
        for (field, (expected, actual)) in zip(Self.schema.fields, zip(batch.columns, back.columns)) {
            #expect(expected == actual, "column \(field.name) differs after the round trip")
        }
        // The generated DDL: the documented type of every column.
        let types = try database.psql(
            "SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY attnum) FROM pg_attribute "
                + "WHERE attrelid = 'all_types'::regclass AND attnum > 0")
        #expect(
            types == "bigint,boolean,smallint,smallint,integer,bigint,smallint,integer,bigint,numeric(20,0),real,"
                + "double precision,numeric(38,10),numeric(9,2),numeric(18,0),numeric(5,5),text,bytea,bytea,date,"
                + "time without time zone,time without time zone,time without time zone,timestamp without time zone,"
                + "timestamp with time zone,timestamp with time zone")
    }

    /// The server's own text output for hand-picked values: guards against an encoder and decoder that agree with
    /// each other but not with PostgreSQL (a wrong epoch, digit order or sign).
    @Test func serverTextOutputMatchesTheDocumentedMapping() throws {
        let database = try TestDatabase()
        let schema = Schema([
            Field("day", .date32), Field("ts", .timestamp(.nanoseconds, utc: false)),
            Field("tz", .timestamp(.milliseconds, utc: true)), Field("tm", .time(.nanoseconds)),
            Field("dec", .decimal(precision: 38, scale: 10)), Field("small", .decimal(precision: 4, scale: 2)),
            Field("u64", .uint64), Field("f64", .float64), Field("f32", .float32), Field("i8", .int8),
            Field("text", .utf8), Field("blob", .binary), Field("flag", .bool),
        ])
        let rows: [[Value]] = [
            [
                .int(0), .int(-1), .int(0), .int(1_999), .decimal(123_456_789_012_345_678_901_234_567_890),
                .decimal(-1),
                .uint(.max), .float64(-0.0), .float32(0.1), .int(-128), .string("it's \"q\" ü"), .bytes([0, 255, 39]),
                .bool(true),
            ],
            [
                .int(10_957), .int(1_500_000_000_123_456_789), .int(-1), .int(86_399_999_999_999), .decimal(0),
                .decimal(5), .uint(0), .float64(.infinity), .float32(.nan), .int(127), .string(""), .bytes([]),
                .bool(false),
            ],
            [
                .int(-719_162), .int(-1_000_000_000_000_000_000), .int(1_700_000_000_000), .int(0),
                .decimal(-1), .decimal(1_000), .uint(1), .float64(Double(bitPattern: 1)), .float32(-3.5), .int(0),
                .null, .null,
                .null,
            ],
        ]
        let columns = try schema.fields.enumerated().map { index, field in
            try makeColumn(field.type, rows.map { $0[index] })
        }
        let batch = Batch(schema: schema, columns: columns)
        _ = try WarehouseLoader(url: database.url).load(
            LoadInput(schema: schema, parts: [LoadPart(batches: [batch])]), into: TableName("texts"),
            from: LoadSource(identity: "t", version: 1))
        let text = try database.psql(
            "SET TIME ZONE 'UTC'; SET extra_float_digits = 1; SELECT concat_ws('|', day, ts, tz, tm, dec, small, u64, "
                + "f64, f32, i8, text, blob, flag) FROM texts ORDER BY day DESC")
        let expected = [
            "2000-01-01|2017-07-14 02:40:00.123456|1969-12-31 23:59:59.999+00|23:59:59.999999|0.0000000000|0.05|0"
                + "|Infinity|NaN|127||\\x|f",
            "1970-01-01|1969-12-31 23:59:59.999999|1970-01-01 00:00:00+00|00:00:00.000001|12345678901234567890.1234567890"
                + "|-0.01|18446744073709551615|-0|0.1|-128|it's \"q\" ü|\\x00ff27|t",
            "0001-01-01|1938-04-24 22:13:20|2023-11-14 22:13:20+00|00:00:00|-0.0000000001|10.00|1|5e-324|-3.5|0",
        ]
        #expect(text.split(separator: "\n").map(String.init) == expected)
    }
}
