import LakeColumnar

/// The PostgreSQL column types the loader writes and reads in binary format.
///
/// Spec: spec/warehouse.md §2 (type mapping).
public enum PostgresType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    case smallint
    case integer
    case bigint
    case real
    case doublePrecision
    /// `numeric(precision, scale)`, or unconstrained `numeric` when `precision` is nil.
    case numeric(precision: Int?, scale: Int)
    case text
    /// `character varying(n)`: binary-identical to text; the server enforces the length.
    case varchar
    case bytea
    case date
    case time
    case timestamp
    case timestamptz

    /// The type's object id in `pg_type` (fixed for built-in types).
    public var oid: UInt32 {
        switch self {
        case .boolean: 16
        case .bytea: 17
        case .bigint: 20
        case .smallint: 21
        case .integer: 23
        case .text: 25
        case .real: 700
        case .doublePrecision: 701
        case .varchar: 1043
        case .date: 1082
        case .time: 1083
        case .timestamp: 1114
        case .timestamptz: 1184
        case .numeric: 1700
        }
    }

    /// The type from `pg_attribute.atttypid` and `atttypmod`; nil for types the loader does not write.
    public init?(oid: UInt32, typeModifier: Int32) {
        switch oid {
        case 16: self = .boolean
        case 17: self = .bytea
        case 20: self = .bigint
        case 21: self = .smallint
        case 23: self = .integer
        case 25: self = .text
        case 700: self = .real
        case 701: self = .doublePrecision
        case 1043: self = .varchar
        case 1082: self = .date
        case 1083: self = .time
        case 1114: self = .timestamp
        case 1184: self = .timestamptz
        case 1700:
            // atttypmod is ((precision << 16) | scale) + 4, or -1 when unconstrained.
            if typeModifier < 4 {
                self = .numeric(precision: nil, scale: 0)
            } else {
                let packed = Int(typeModifier) - 4
                self = .numeric(precision: (packed >> 16) & 0xFFFF, scale: packed & 0xFFFF)
            }
        default: return nil
        }
    }

    /// The type as written in DDL.
    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .smallint: "smallint"
        case .integer: "integer"
        case .bigint: "bigint"
        case .real: "real"
        case .doublePrecision: "double precision"
        case .numeric(let precision, let scale): precision.map { "numeric(\($0),\(scale))" } ?? "numeric"
        case .text: "text"
        case .varchar: "character varying"
        case .bytea: "bytea"
        case .date: "date"
        case .time: "time without time zone"
        case .timestamp: "timestamp without time zone"
        case .timestamptz: "timestamp with time zone"
        }
    }

    /// The column type DDL generation picks for `type`; nil for nested types.
    ///
    /// PostgreSQL has no one-byte or unsigned integers: int8 and uint8 become smallint, each unsigned type the
    /// next wider signed type, and uint64 `numeric(20,0)`.
    public static func defaultMapping(for type: DataType) -> PostgresType? {
        switch type {
        case .bool: .boolean
        case .int8, .int16, .uint8: .smallint
        case .int32, .uint16: .integer
        case .int64, .uint32: .bigint
        case .uint64: .numeric(precision: 20, scale: 0)
        case .float32: .real
        case .float64: .doublePrecision
        case .decimal(let precision, let scale): .numeric(precision: precision, scale: scale)
        case .utf8: .text
        case .binary, .fixedSizeBinary: .bytea
        case .date32: .date
        case .time: .time
        case .timestamp(_, let utc): utc ? .timestamptz : .timestamp
        case .list, .struct, .map: nil
        }
    }

    /// Whether every value of `source` is stored exactly by a column of this type (the loader's widening rule).
    ///
    /// Integers may go to any integer type at least as wide, or to numeric; decimals to a numeric with the same
    /// scale and at least as many integer digits (or an unconstrained one); float32 to real or double precision;
    /// text to text or varchar; timestamps to timestamp or timestamptz (binary-identical: a local timestamp
    /// loaded into timestamptz is read as UTC).
    public func holdsExactly(_ source: DataType) -> Bool {
        func fitsNumeric(integerDigits: Int, scale sourceScale: Int) -> Bool {
            guard case .numeric(let precision, let scale) = self else { return false }
            guard let precision else { return true }
            return scale == sourceScale && precision - scale >= integerDigits
        }
        switch source {
        case .bool: return self == .boolean
        case .int8, .int16, .uint8:
            return [.smallint, .integer, .bigint].contains(self) || fitsNumeric(integerDigits: 5, scale: 0)
        case .int32, .uint16:
            return [.integer, .bigint].contains(self) || fitsNumeric(integerDigits: 10, scale: 0)
        case .int64, .uint32: return self == .bigint || fitsNumeric(integerDigits: 19, scale: 0)
        case .uint64: return fitsNumeric(integerDigits: 20, scale: 0)
        case .float32: return self == .real || self == .doublePrecision
        case .float64: return self == .doublePrecision
        case .decimal(let precision, let scale): return fitsNumeric(integerDigits: precision - scale, scale: scale)
        case .utf8: return self == .text || self == .varchar
        case .binary, .fixedSizeBinary: return self == .bytea
        case .date32: return self == .date
        case .time: return self == .time
        case .timestamp: return self == .timestamp || self == .timestamptz
        case .list, .struct, .map: return false
        }
    }
}
