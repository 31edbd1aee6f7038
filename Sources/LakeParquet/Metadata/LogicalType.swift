/// The logical type annotation of a schema element, which says how to interpret its physical values.
///
/// Supersedes `ConvertedType`. Payloads are the fields of the member structs (`DecimalType`, `TimeType`,
/// ...). Member 9 is reserved for INTERVAL and, like any other member this implementation does not know,
/// decodes as `unrecognized`, so that a file annotated by a newer writer still opens; code that must understand
/// the annotation rejects `unrecognized` itself.
///
/// Spec: parquet.thrift `union LogicalType`.
public enum LogicalType: ThriftStruct, Hashable {
    /// Member 1 (`StringType`): UTF-8 BYTE_ARRAY.
    case string
    /// Member 2 (`MapType`).
    case map
    /// Member 3 (`ListType`).
    case list
    /// Member 4 (`EnumType`).
    case `enum`
    /// Member 5 (`DecimalType`): value × 10^-scale, with `precision` decimal digits.
    case decimal(scale: Int32, precision: Int32)
    /// Member 6 (`DateType`): days since the Unix epoch.
    case date
    /// Member 7 (`TimeType`): time of day.
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    /// Member 8 (`TimestampType`): time since the Unix epoch.
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    /// Member 10 (`IntType`): `bitWidth` is 8, 16, 32 or 64.
    case integer(bitWidth: Int8, isSigned: Bool)
    /// Member 11 (`NullType`): the column holds only nulls.
    case unknown
    /// Member 12 (`JsonType`).
    case json
    /// Member 13 (`BsonType`).
    case bson
    /// Member 14 (`UUIDType`): FIXED_LEN_BYTE_ARRAY(16).
    case uuid
    /// Member 15 (`Float16Type`): FIXED_LEN_BYTE_ARRAY(2).
    case float16
    /// Member 16 (`VariantType`).
    case variant(specificationVersion: Int8?)
    /// Member 17 (`GeometryType`): WKB with planar edges; a nil `crs` means OGC:CRS84.
    case geometry(crs: String?)
    /// Member 18 (`GeographyType`): WKB with interpolated edges; nil `algorithm` means spherical.
    case geography(crs: String?, algorithm: EdgeInterpolationAlgorithm?)
    /// A member this implementation does not know. Its contents are skipped; encoding writes it back as an
    /// empty struct with the same id.
    case unrecognized(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("LogicalType", unrecognized: LogicalType.unrecognized) {
            (id: Int16, reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType? in
            switch id {
            case 5: return try LogicalType.readDecimal(&reader)
            case 7:
                let (isAdjustedToUTC, unit) = try LogicalType.readTimeOrTimestamp(&reader, name: "TimeType")
                return .time(isAdjustedToUTC: isAdjustedToUTC, unit: unit)
            case 8:
                let (isAdjustedToUTC, unit) = try LogicalType.readTimeOrTimestamp(&reader, name: "TimestampType")
                return .timestamp(isAdjustedToUTC: isAdjustedToUTC, unit: unit)
            case 10: return try LogicalType.readInteger(&reader)
            case 16: return try LogicalType.readVariant(&reader)
            case 17, 18: return try LogicalType.readGeospatial(&reader, isGeography: id == 18)
            default:
                guard let annotation = LogicalType.emptyMembers[id] else { return nil }
                try reader.skip(.struct)
                return annotation
            }
        }
    }

    /// Members whose struct has no fields, by member id.
    private static let emptyMembers: [Int16: LogicalType] = [
        1: .string, 2: .map, 3: .list, 4: .enum, 6: .date, 11: .unknown, 12: .json, 13: .bson, 14: .uuid,
        15: .float16,
    ]

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .string: writer.writeEmptyStructField(1)
        case .map: writer.writeEmptyStructField(2)
        case .list: writer.writeEmptyStructField(3)
        case .enum: writer.writeEmptyStructField(4)
        case .decimal(let scale, let precision):
            writer.writeFieldHeader(id: 5, type: .struct)
            writer.beginStruct()
            writer.writeI32Field(1, scale)
            writer.writeI32Field(2, precision)
            writer.endStruct()
        case .date: writer.writeEmptyStructField(6)
        case .time(let isAdjustedToUTC, let unit):
            Self.writeTimeOrTimestamp(id: 7, isAdjustedToUTC: isAdjustedToUTC, unit: unit, to: &writer)
        case .timestamp(let isAdjustedToUTC, let unit):
            Self.writeTimeOrTimestamp(id: 8, isAdjustedToUTC: isAdjustedToUTC, unit: unit, to: &writer)
        case .integer(let bitWidth, let isSigned):
            writer.writeFieldHeader(id: 10, type: .struct)
            writer.beginStruct()
            writer.writeI8Field(1, bitWidth)
            writer.writeBoolField(2, isSigned)
            writer.endStruct()
        case .unknown: writer.writeEmptyStructField(11)
        case .json: writer.writeEmptyStructField(12)
        case .bson: writer.writeEmptyStructField(13)
        case .uuid: writer.writeEmptyStructField(14)
        case .float16: writer.writeEmptyStructField(15)
        case .variant(let specificationVersion):
            writer.writeFieldHeader(id: 16, type: .struct)
            writer.beginStruct()
            writer.writeI8Field(1, specificationVersion)
            writer.endStruct()
        case .geometry(let crs):
            writer.writeFieldHeader(id: 17, type: .struct)
            writer.beginStruct()
            writer.writeStringField(1, crs)
            writer.endStruct()
        case .geography(let crs, let algorithm):
            writer.writeFieldHeader(id: 18, type: .struct)
            writer.beginStruct()
            writer.writeStringField(1, crs)
            writer.writeI32Field(2, algorithm?.rawValue)
            writer.endStruct()
        case .unrecognized(let id): writer.writeEmptyStructField(id)
        }
        writer.endStruct()
    }

    // MARK: Member structs

    private static func readDecimal(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        let start = reader.consumedByteCount
        var scale: Int32?
        var precision: Int32?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): scale = try reader.readI32()
            case (2, .i32): precision = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let scale else { throw .missingField("scale", id: 1, in: "DecimalType", at: start) }
        guard let precision else { throw .missingField("precision", id: 2, in: "DecimalType", at: start) }
        return .decimal(scale: scale, precision: precision)
    }

    private static func readTimeOrTimestamp(_ reader: inout ThriftCompactReader, name: String) throws(ParquetError)
        -> (isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    {
        let start = reader.consumedByteCount
        var isAdjustedToUTC: Bool?
        var unit: ParquetTimeUnit?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .bool): isAdjustedToUTC = try reader.readBool()
            case (2, .struct): unit = try ParquetTimeUnit(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let isAdjustedToUTC else { throw .missingField("isAdjustedToUTC", id: 1, in: name, at: start) }
        guard let unit else { throw .missingField("unit", id: 2, in: name, at: start) }
        return (isAdjustedToUTC, unit)
    }

    private static func writeTimeOrTimestamp(
        id: Int16, isAdjustedToUTC: Bool, unit: ParquetTimeUnit, to writer: inout ThriftCompactWriter
    ) {
        writer.writeFieldHeader(id: id, type: .struct)
        writer.beginStruct()
        writer.writeBoolField(1, isAdjustedToUTC)
        writer.writeStructField(2, unit)
        writer.endStruct()
    }

    private static func readInteger(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        let start = reader.consumedByteCount
        var bitWidth: Int8?
        var isSigned: Bool?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i8): bitWidth = try reader.readI8()
            case (2, .bool): isSigned = try reader.readBool()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let bitWidth else { throw .missingField("bitWidth", id: 1, in: "IntType", at: start) }
        guard let isSigned else { throw .missingField("isSigned", id: 2, in: "IntType", at: start) }
        return .integer(bitWidth: bitWidth, isSigned: isSigned)
    }

    private static func readVariant(_ reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var specificationVersion: Int8?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i8): specificationVersion = try reader.readI8()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        return .variant(specificationVersion: specificationVersion)
    }

    private static func readGeospatial(_ reader: inout ThriftCompactReader, isGeography: Bool) throws(ParquetError)
        -> LogicalType
    {
        var crs: String?
        var algorithm: EdgeInterpolationAlgorithm?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): crs = try reader.readString()
            case (2, .i32) where isGeography: algorithm = EdgeInterpolationAlgorithm(rawValue: try reader.readI32())
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        return isGeography ? .geography(crs: crs, algorithm: algorithm) : .geometry(crs: crs)
    }
}
