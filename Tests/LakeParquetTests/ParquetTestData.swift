import LakeColumnar
import LakeCore

/// Seeded batches with one column per flat type, for the interoperability write tests.
///
/// Rows `0..<specialRowCount` carry each type's extremes and special values (NaN, ±infinity, -0.0, subnormals,
/// empty and multi-byte strings, strings longer than the 64-byte statistics limit, a string of U+10FFFF that has
/// no truncated upper bound, 0xFF bytes); the rest are random. Every 13th row holds a long string so that each
/// row group has truncated string statistics. Nullable columns have about 10% nulls outside the special rows,
/// and the nullable schema adds a column that is entirely null.
///
/// Ranges stay where every peer represents the values exactly: dates in 0001-01-01...9999-12-31, timestamps in
/// 1678...2261 (int64 nanoseconds), times within one day.
enum ParquetTestData {
    static let specialRowCount = 12
    /// Every `longStringPeriod`-th row holds a string longer than the statistics truncation limit.
    static let longStringPeriod = 13
    static let nullPercent = 10

    static let dateDaysRange: ClosedRange<Int64> = -719_162...2_932_896
    /// 1678-01-01T00:00:00Z ... 2261-12-31T23:59:59Z in nanoseconds (as `pyarrow_write.py` uses).
    static let timestampNanosecondsRange: ClosedRange<Int64> = -9_214_560_000_000_000_000...9_183_110_399_000_000_000

    /// The columns of the test schema; `nullable` adds the all-null column.
    static func schema(nullable: Bool) -> Schema {
        var fields: [Field] = [
            Field("bool", .bool), Field("int8", .int8), Field("int16", .int16), Field("int32", .int32),
            Field("int64", .int64), Field("uint8", .uint8), Field("uint16", .uint16), Field("uint32", .uint32),
            Field("uint64", .uint64), Field("float32", .float32), Field("float64", .float64),
            Field("decimal5", .decimal(precision: 5, scale: 2)), Field("decimal18", .decimal(precision: 18, scale: 4)),
            Field("decimal30", .decimal(precision: 30, scale: 6)),
            Field("decimal38", .decimal(precision: 38, scale: 0)),
            Field("utf8", .utf8), Field("binary", .binary), Field("fixed16", .fixedSizeBinary(width: 16)),
            Field("fixed3", .fixedSizeBinary(width: 3)), Field("date32", .date32),
            Field("time_ms", .time(.milliseconds)),
            Field("time_us", .time(.microseconds)), Field("time_ns", .time(.nanoseconds)),
            Field("timestamp_ms", .timestamp(.milliseconds, utc: false)),
            Field("timestamp_us", .timestamp(.microseconds, utc: false)),
            Field("timestamp_ns", .timestamp(.nanoseconds, utc: false)),
            Field("timestamp_ms_utc", .timestamp(.milliseconds, utc: true)),
            Field("timestamp_us_utc", .timestamp(.microseconds, utc: true)),
            Field("timestamp_ns_utc", .timestamp(.nanoseconds, utc: true)),
        ]
        for index in fields.indices { fields[index].isNullable = nullable }
        if nullable { fields.append(Field("int64_all_null", .int64)) }
        return Schema(fields)
    }

    /// `rows` seeded rows of `schema` (one of `schema(nullable:)`, or a projection of it).
    static func batch(schema: Schema, rows: Int, seed: UInt64) -> Batch {
        var generator = SeededGenerator(seed: seed)
        let columns = schema.fields.map { field in
            column(field, rows: rows, using: &generator)
        }
        return Batch(schema: schema, columns: columns)
    }

    /// The rows of `batches` concatenated into one batch (for reference computations).
    static func concatenate(_ batches: [Batch], schema: Schema) -> Batch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for batch in batches {
            for (index, column) in batch.columns.enumerated() {
                for row in 0..<column.count {
                    // The values come from a column of the same type, so appending cannot fail.
                    try? builders[index].append(column.value(at: row))
                }
            }
        }
        return Batch(schema: schema, columns: builders.map { $0.build() })
    }

    // MARK: - Columns

    private static func column(_ field: Field, rows: Int, using generator: inout SeededGenerator) -> Column {
        var builder = ColumnBuilder(type: field.type)
        let specials = specialValues(field)
        for row in 0..<rows {
            let isNull: Bool
            if field.name.hasSuffix("all_null") {
                isNull = true
            } else if field.isNullable && row >= specialRowCount {
                isNull = Int.random(in: 0..<100, using: &generator) < nullPercent
            } else {
                isNull = false
            }
            // Draw the random value even for a null row so that nulls do not shift the other values.
            let drawn = randomValue(field.type, row: row, using: &generator)
            let value: Value = isNull ? .null : row < specials.count ? specials[row] : drawn
            do {
                try builder.append(value)
            } catch {
                preconditionFailure("test data \(value) does not fit column '\(field.name)': \(error)")
            }
        }
        return builder.build()
    }

    private static func specialValues(_ field: Field) -> [Value] {
        switch field.type {
        case .bool: return [.bool(true), .bool(false)]
        case .int8: return signedSpecials(Int64(Int8.min), Int64(Int8.max))
        case .int16: return signedSpecials(Int64(Int16.min), Int64(Int16.max))
        case .int32: return signedSpecials(Int64(Int32.min), Int64(Int32.max))
        case .int64: return signedSpecials(Int64.min, Int64.max)
        case .uint8: return unsignedSpecials(UInt64(UInt8.max))
        case .uint16: return unsignedSpecials(UInt64(UInt16.max))
        case .uint32: return unsignedSpecials(UInt64(UInt32.max))
        case .uint64: return unsignedSpecials(UInt64.max)
        case .float32:
            return [
                Float.nan, .infinity, -.infinity, -0.0, 0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                .leastNormalMagnitude, .leastNonzeroMagnitude, -1.5,
            ].map(Value.float32)
        case .float64:
            return [
                Double.nan, .infinity, -.infinity, -0.0, 0.0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                .leastNormalMagnitude, .leastNonzeroMagnitude, -1.5,
            ].map(Value.float64)
        case .decimal(let precision, _):
            let bound = decimalBound(precision)
            return [bound, -bound, 0, 1, -1].map(Value.decimal)
        case .utf8:
            return [
                "", "a", "héllo wörld", "日本語のテキスト", "🦆🦀 emoji", "e\u{301} combining", "\t tab\nnewline",
                String(repeating: "x", count: 63) + "é" + "tail beyond the limit",
                String(repeating: "ü", count: 40), String(repeating: "\u{10FFFF}", count: 20),
                String(repeating: "z", count: 64), String(repeating: "日", count: 30),
            ].map(Value.string)
        case .binary:
            return [
                [], [0], [0, 0, 0xFF], Array(0..<32), [UInt8](repeating: 0xFF, count: 100),
                [UInt8](repeating: 0, count: 65), [UInt8](repeating: 0x41, count: 64) + [0xFF, 0xFF, 0x00],
            ].map(Value.bytes)
        case .fixedSizeBinary(let width):
            return [[UInt8](repeating: 0, count: width), [UInt8](repeating: 0xFF, count: width)].map(Value.bytes)
        case .date32:
            return [0, -1, 1, dateDaysRange.lowerBound, dateDaysRange.upperBound].map(Value.int)
        case .time(let unit):
            let day = 86_400 * unit.perSecond
            return [0, day - 1, 1].map(Value.int)
        case .timestamp(let unit, _):
            let range = timestampRange(unit)
            return [0, -1, 1, range.lowerBound, range.upperBound].map(Value.int)
        case .list(let element):
            let items = specialValues(element)
            return [.list([]), .list(items), .list(Array(items.prefix(1)))]
        case .struct(let fields):
            let columns = fields.map(specialValues)
            let rows = columns.map(\.count).max() ?? 0
            return (0..<rows).map { row in .struct(columns.map { $0.isEmpty ? .null : $0[row % $0.count] }) }
        case .map(let key, let value):
            let keys = Array(Set(specialValues(key)))
            let values = specialValues(value)
            return [
                .map(keys: [], values: []),
                .map(keys: keys, values: keys.indices.map { values[$0 % values.count] }),
            ]
        }
    }

    private static func signedSpecials(_ minimum: Int64, _ maximum: Int64) -> [Value] {
        [maximum, minimum, 0, 1, -1, maximum - 1, minimum + 1].map(Value.int)
    }

    private static func unsignedSpecials(_ maximum: UInt64) -> [Value] {
        [maximum, 0, 1, 2, maximum - 1].map(Value.uint)
    }

    private static func decimalBound(_ precision: Int) -> Int128 {
        var bound: Int128 = 1
        for _ in 0..<precision { bound *= 10 }
        return bound - 1
    }

    private static func timestampRange(_ unit: TimeUnit) -> ClosedRange<Int64> {
        let perUnit = 1_000_000_000 / unit.perSecond
        return (timestampNanosecondsRange.lowerBound / perUnit)...(timestampNanosecondsRange.upperBound / perUnit)
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 äöüßéñ中文字🙂")

    private static func randomValue(_ type: DataType, row: Int, using generator: inout SeededGenerator) -> Value {
        switch type {
        case .bool: return .bool(Bool.random(using: &generator))
        case .int8: return .int(Int64(Int8.random(in: .min ... .max, using: &generator)))
        case .int16: return .int(Int64(Int16.random(in: .min ... .max, using: &generator)))
        case .int32: return .int(Int64(Int32.random(in: .min ... .max, using: &generator)))
        case .int64: return .int(Int64.random(in: .min ... .max, using: &generator))
        case .uint8: return .uint(UInt64(UInt8.random(in: .min ... .max, using: &generator)))
        case .uint16: return .uint(UInt64(UInt16.random(in: .min ... .max, using: &generator)))
        case .uint32: return .uint(UInt64(UInt32.random(in: .min ... .max, using: &generator)))
        case .uint64: return .uint(UInt64.random(in: .min ... .max, using: &generator))
        case .float32: return .float32(Float.random(in: -1_000_000...1_000_000, using: &generator))
        case .float64: return .float64(Double.random(in: -1e12...1e12, using: &generator))
        case .decimal(let precision, _):
            let bound = decimalBound(precision)
            return .decimal(Int128.random(in: -bound...bound, using: &generator))
        case .utf8:
            let long = row % longStringPeriod == longStringPeriod - 1
            let length = long ? Int.random(in: 65...300, using: &generator) : Int.random(in: 0...24, using: &generator)
            return .string(
                String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
            )
        case .binary:
            let long = row % longStringPeriod == longStringPeriod - 1
            let length = long ? Int.random(in: 65...200, using: &generator) : Int.random(in: 0...40, using: &generator)
            return .bytes((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        case .fixedSizeBinary(let width):
            return .bytes((0..<width).map { _ in UInt8.random(in: 0...255, using: &generator) })
        case .date32: return .int(Int64.random(in: dateDaysRange, using: &generator))
        case .time(let unit): return .int(Int64.random(in: 0..<(86_400 * unit.perSecond), using: &generator))
        case .timestamp(let unit, _): return .int(Int64.random(in: timestampRange(unit), using: &generator))
        case .list(let element):
            let length = Int.random(in: 0...4, using: &generator)
            return .list((0..<length).map { _ in randomChild(element, row: row, using: &generator) })
        case .struct(let fields):
            return .struct(fields.map { randomChild($0, row: row, using: &generator) })
        case .map(let key, let value):
            let length = Int.random(in: 0...4, using: &generator)
            var keys: [Value] = []
            for _ in 0..<length {
                let candidate = randomValue(key.type, row: row, using: &generator)
                if !keys.contains(candidate) { keys.append(candidate) }
            }
            return .map(keys: keys, values: keys.map { _ in randomChild(value, row: row, using: &generator) })
        }
    }

    /// A random value of a nested type's child: null one time in five when the child is nullable.
    private static func randomChild(_ field: Field, row: Int, using generator: inout SeededGenerator) -> Value {
        if field.isNullable && Int.random(in: 0..<5, using: &generator) == 0 { return .null }
        return randomValue(field.type, row: row, using: &generator)
    }
}
