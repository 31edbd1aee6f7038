/// Resolution of time and timestamp values.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    case milliseconds = "ms"
    case microseconds = "us"
    case nanoseconds = "ns"

    /// How many units make one second.
    public var perSecond: Int64 {
        switch self {
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }
}

/// The logical type of a column.
///
/// Each logical type has exactly one physical storage (`ColumnValues` case), listed with each case. Nested types
/// (list, struct, map) hold child fields; their storage holds child columns.
///
/// Spec: spec/architecture.md (columnar model)
public indirect enum DataType: Sendable, Hashable, CustomStringConvertible {
    case bool  // .bool
    case int8  // .int8
    case int16  // .int16
    case int32  // .int32
    case int64  // .int64
    case uint8  // .uint8
    case uint16  // .uint16
    case uint32  // .uint32
    case uint64  // .uint64
    case float32  // .float32
    case float64  // .float64
    /// Fixed-point decimal: `precision` digits in all (1...38), `scale` of them after the point. Stored as the
    /// unscaled 128-bit integer.
    case decimal(precision: Int, scale: Int)  // .int128
    case utf8  // .bytes (valid UTF-8)
    case binary  // .bytes
    case fixedSizeBinary(width: Int)  // .fixedBytes
    /// Days since 1970-01-01.
    case date32  // .int32
    /// Time of day since midnight: milliseconds as Int32, micro- and nanoseconds as Int64.
    case time(TimeUnit)  // .int32 (ms) / .int64
    /// Instant since the Unix epoch; `utc` is true when the values are adjusted to UTC (a zoned timestamp),
    /// false for a local "wall clock" timestamp without zone.
    case timestamp(TimeUnit, utc: Bool)  // .int64
    /// A variable-length sequence of `element` values per row; the element field says whether items may be null.
    case list(Field)  // .list
    /// A record of named child fields per row.
    case `struct`([Field])  // .struct
    /// Key-value entries per row. Keys are never null; the value field says whether values may be.
    case map(key: Field, value: Field)  // .map

    /// The largest precision a decimal may have.
    public static let decimalPrecisionMax = 38

    /// The storage kind values of this type are kept in.
    public var physical: PhysicalKind {
        switch self {
        case .bool: .bool
        case .int8: .int8
        case .int16: .int16
        case .int32, .date32: .int32
        case .int64, .timestamp: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .float32: .float32
        case .float64: .float64
        case .decimal: .int128
        case .utf8, .binary: .bytes
        case .fixedSizeBinary: .fixedBytes
        case .time(let unit): unit == .milliseconds ? .int32 : .int64
        case .list: .list
        case .struct: .struct
        case .map: .map
        }
    }

    /// Whether values of this type hold child values (list, struct, map).
    public var isNested: Bool {
        switch self {
        case .list, .struct, .map: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .float32: "float32"
        case .float64: "float64"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .utf8: "utf8"
        case .binary: "binary"
        case .fixedSizeBinary(let width): "fixed_size_binary(\(width))"
        case .date32: "date32"
        case .time(let unit): "time(\(unit.rawValue))"
        case .timestamp(let unit, let utc): utc ? "timestamp(\(unit.rawValue),UTC)" : "timestamp(\(unit.rawValue))"
        case .list(let element): "list<\(element.type)>"
        case .struct(let fields): "struct<\(fields.map { "\($0.name): \($0.type)" }.joined(separator: ", "))>"
        case .map(let key, let value): "map<\(key.type), \(value.type)>"
        }
    }

    /// Parses the `description` form back (`int64`, `decimal(10,2)`, `timestamp(us,UTC)`, ...).
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace().lowercased()
        let simple: [String: DataType] = [
            "bool": .bool, "boolean": .bool, "int8": .int8, "int16": .int16, "int32": .int32, "int": .int32,
            "int64": .int64, "bigint": .int64, "uint8": .uint8, "uint16": .uint16, "uint32": .uint32,
            "uint64": .uint64, "float32": .float32, "float": .float32, "float64": .float64, "double": .float64,
            "utf8": .utf8, "string": .utf8, "binary": .binary, "date32": .date32, "date": .date32,
        ]
        if let type = simple[trimmed] {
            self = type
            return
        }
        guard let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else { return nil }
        let name = String(trimmed[..<open])
        let arguments = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .split(separator: ",").map { String($0).trimmingWhitespace() }
        switch (name, arguments.count) {
        case ("decimal", 2):
            guard let precision = Int(arguments[0]), let scale = Int(arguments[1]),
                (1...Self.decimalPrecisionMax).contains(precision), (0...precision).contains(scale)
            else { return nil }
            self = .decimal(precision: precision, scale: scale)
        case ("fixed_size_binary", 1):
            guard let width = Int(arguments[0]), width > 0 else { return nil }
            self = .fixedSizeBinary(width: width)
        case ("time", 1):
            guard let unit = TimeUnit(rawValue: arguments[0]) else { return nil }
            self = .time(unit)
        case ("timestamp", 1), ("timestamp", 2):
            guard let unit = TimeUnit(rawValue: arguments[0]) else { return nil }
            if arguments.count == 2 && arguments[1] != "utc" { return nil }
            self = .timestamp(unit, utc: arguments.count == 2)
        default:
            return nil
        }
    }
}

/// How a column's values are laid out in memory.
public enum PhysicalKind: Sendable, Hashable {
    case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64, int128
    /// Variable-width bytes: offsets plus concatenated data.
    case bytes
    /// Fixed-width bytes: `width * count` bytes.
    case fixedBytes
    /// Offsets into one child column.
    case list
    /// One child column per field, each with the parent's row count.
    case `struct`
    /// Offsets into a key column and a value column.
    case map
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
