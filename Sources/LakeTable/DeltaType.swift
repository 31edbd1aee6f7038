import LakeColumnar
import LakeCore

/// A column type as the Delta schema JSON names it.
///
/// Nested types (struct, array, map) map to LakeColumnar's struct, list and map types (list items are named
/// `element`, map entries `key` and `value`, as our Parquet reader names them). Types without a LakeColumnar
/// counterpart (`variant`, `void`, names from newer protocol versions), and nested types holding one, are parsed and
/// kept, so that a table with such a column opens and its schema writes back unchanged. They have no
/// `columnarType`: `DeltaSchema.columnarSchema(projecting:)` refuses them with `TableLogError.unsupportedType` only
/// when such a column is actually projected. This keeps the refusal at the one place that needs the data, instead
/// of failing every read of a table that merely has such a column.
///
/// Spec: spec/table-log.md §3.2.1.
public indirect enum DeltaType: Sendable, Hashable, CustomStringConvertible {
    case string, long, integer, short, byte, float, double, boolean, binary, date
    /// Microseconds since the epoch, adjusted to UTC.
    case timestamp
    /// Microseconds since the epoch of a wall clock without zone.
    case timestampNtz
    case decimal(precision: Int, scale: Int)
    case `struct`([DeltaField])
    case array(elementType: DeltaType, containsNull: Bool)
    case map(keyType: DeltaType, valueType: DeltaType, valueContainsNull: Bool)
    /// A primitive name we do not read (`variant`, `void`, future names), kept as written.
    case other(String)

    /// The name of a primitive type in the schema JSON; nil for nested types.
    public var primitiveName: String? {
        switch self {
        case .string: "string"
        case .long: "long"
        case .integer: "integer"
        case .short: "short"
        case .byte: "byte"
        case .float: "float"
        case .double: "double"
        case .boolean: "boolean"
        case .binary: "binary"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestampNtz: "timestamp_ntz"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .other(let name): name
        case .struct, .array, .map: nil
        }
    }

    public var description: String {
        switch self {
        case .struct(let fields): "struct<\(fields.map { "\($0.name): \($0.type)" }.joined(separator: ", "))>"
        case .array(let element, _): "array<\(element)>"
        case .map(let key, let value, _): "map<\(key), \(value)>"
        default: primitiveName ?? "?"
        }
    }

    /// The LakeColumnar type values of this type are scanned as; nil for unknown types and nested types that hold
    /// one.
    public var columnarType: DataType? {
        switch self {
        case .string: .utf8
        case .long: .int64
        case .integer: .int32
        case .short: .int16
        case .byte: .int8
        case .float: .float32
        case .double: .float64
        case .boolean: .bool
        case .binary: .binary
        case .date: .date32
        case .timestamp: .timestamp(.microseconds, utc: true)
        case .timestampNtz: .timestamp(.microseconds, utc: false)
        case .decimal(let precision, let scale): .decimal(precision: precision, scale: scale)
        case .struct(let fields): Self.columnarStruct(fields)
        case .array(let element, let containsNull):
            element.columnarType.map { .list(Field("element", $0, nullable: containsNull)) }
        case .map(let key, let value, let valueContainsNull):
            key.columnarType.flatMap { keyType in
                value.columnarType.map { valueType in
                    .map(key: Field("key", keyType, nullable: false), value: Field("value", valueType, nullable: valueContainsNull))
                }
            }
        case .other: nil
        }
    }

    private static func columnarStruct(_ fields: [DeltaField]) -> DataType? {
        var children: [Field] = []
        for field in fields {
            guard let type = field.type.columnarType else { return nil }
            children.append(Field(field.name, type, nullable: field.nullable))
        }
        return .struct(children)
    }

    /// The Delta type storing `type` exactly, or nil when there is none (nanosecond timestamps, times, and nested
    /// types holding them).
    ///
    /// Unsigned integers widen to the next signed type (uint64 to `decimal(20,0)`), fixed-size binary becomes
    /// `binary`, millisecond timestamps become microsecond `timestamp`/`timestamp_ntz`.
    public init?(columnar type: DataType) {
        switch type {
        case .bool: self = .boolean
        case .int8: self = .byte
        case .int16, .uint8: self = .short
        case .int32, .uint16: self = .integer
        case .int64, .uint32: self = .long
        case .uint64: self = .decimal(precision: 20, scale: 0)
        case .float32: self = .float
        case .float64: self = .double
        case .decimal(let precision, let scale): self = .decimal(precision: precision, scale: scale)
        case .utf8: self = .string
        case .binary, .fixedSizeBinary: self = .binary
        case .date32: self = .date
        case .timestamp(let unit, let utc):
            guard unit != .nanoseconds else { return nil }
            self = utc ? .timestamp : .timestampNtz
        case .time: return nil
        case .list(let element):
            guard let elementType = DeltaType(columnar: element.type) else { return nil }
            self = .array(elementType: elementType, containsNull: element.isNullable)
        case .struct(let fields):
            var children: [DeltaField] = []
            for field in fields {
                guard let type = DeltaType(columnar: field.type) else { return nil }
                children.append(DeltaField(name: field.name, type: type, nullable: field.isNullable))
            }
            self = .struct(children)
        case .map(let key, let value):
            guard let keyType = DeltaType(columnar: key.type), let valueType = DeltaType(columnar: value.type) else {
                return nil
            }
            self = .map(keyType: keyType, valueType: valueType, valueContainsNull: value.isNullable)
        }
    }

    /// Parses a primitive type name (`long`, `decimal(10, 2)`); unknown names become `.other`.
    /// - Throws: `TableLogError.invalidSchema` for a malformed or out-of-range decimal.
    static func primitive(named name: String) throws(TableLogError) -> DeltaType {
        let simple: [String: DeltaType] = [
            "string": .string, "long": .long, "integer": .integer, "short": .short, "byte": .byte, "float": .float,
            "double": .double, "boolean": .boolean, "binary": .binary, "date": .date, "timestamp": .timestamp,
            "timestamp_ntz": .timestampNtz,
        ]
        if let type = simple[name] { return type }
        guard name.hasPrefix("decimal") else { return .other(name) }
        let arguments = name.dropFirst("decimal".count)
        guard arguments.first == "(", arguments.last == ")" else {
            throw .invalidSchema("malformed decimal type \"\(name)\"")
        }
        let parts = arguments.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: " ") }
        guard parts.count == 2, let precision = Int(parts[0]), let scale = Int(parts[1]),
            (1...DataType.decimalPrecisionMax).contains(precision), (0...precision).contains(scale)
        else {
            throw .invalidSchema("decimal type \"\(name)\" needs 1 <= precision <= 38 and 0 <= scale <= precision")
        }
        return .decimal(precision: precision, scale: scale)
    }
}

extension Substring {
    /// The text without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        var slice = self[...]
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
