/// One node of the schema tree, which `FileMetaData.schema` lists in depth-first order from the root.
///
/// A group (inner node) has `numChildren` and no `type`; a leaf has a `type` and no `numChildren`. Every node
/// except the root has a `repetitionType`. Decoding does not check these rules; the schema builder does.
///
/// Spec: parquet.thrift `struct SchemaElement`.
public struct SchemaElement: ThriftStruct, Hashable {
    /// Field 1: physical type of a leaf.
    public var type: PhysicalType?
    /// Field 2: byte length of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int32?
    /// Field 3.
    public var repetitionType: FieldRepetitionType?
    /// Field 4 (required).
    public var name: String
    /// Field 5: number of children of a group.
    public var numChildren: Int32?
    /// Field 6: deprecated annotation, still written for old readers.
    public var convertedType: ConvertedType?
    /// Field 7: deprecated decimal scale, kept in step with `LogicalType.decimal`.
    public var scale: Int32?
    /// Field 8: deprecated decimal precision, kept in step with `LogicalType.decimal`.
    public var precision: Int32?
    /// Field 9: the field id of the original schema (e.g. Iceberg field ids).
    public var fieldID: Int32?
    /// Field 10.
    public var logicalType: LogicalType?

    public init(
        type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: FieldRepetitionType? = nil,
        name: String, numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil,
        precision: Int32? = nil, fieldID: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var name: String?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
            case (2, .i32): typeLength = try reader.readI32()
            case (3, .i32): repetitionType = FieldRepetitionType(rawValue: try reader.readI32())
            case (4, .binary): name = try reader.readString()
            case (5, .i32): numChildren = try reader.readI32()
            case (6, .i32): convertedType = ConvertedType(rawValue: try reader.readI32())
            case (7, .i32): scale = try reader.readI32()
            case (8, .i32): precision = try reader.readI32()
            case (9, .i32): fieldID = try reader.readI32()
            case (10, .struct): logicalType = try LogicalType(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let name else { throw .missingField("name", id: 4, in: "SchemaElement", at: start) }
        self.name = name
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, type?.rawValue)
        writer.writeI32Field(2, typeLength)
        writer.writeI32Field(3, repetitionType?.rawValue)
        writer.writeStringField(4, name)
        writer.writeI32Field(5, numChildren)
        writer.writeI32Field(6, convertedType?.rawValue)
        writer.writeI32Field(7, scale)
        writer.writeI32Field(8, precision)
        writer.writeI32Field(9, fieldID)
        writer.writeStructField(10, logicalType)
        writer.endStruct()
    }
}
