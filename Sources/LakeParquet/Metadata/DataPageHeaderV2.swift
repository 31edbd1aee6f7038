/// The header of a version 2 data page, whose levels are stored uncompressed ahead of the values.
///
/// Spec: parquet.thrift `struct DataPageHeaderV2`.
public struct DataPageHeaderV2: ThriftStruct, Hashable {
    /// Field 1 (required): values in the page, including nulls.
    public var numValues: Int32
    /// Field 2 (required).
    public var numNulls: Int32
    /// Field 3 (required): rows in the page; pages start at row boundaries.
    public var numRows: Int32
    /// Field 4 (required): encoding of the values (levels always use RLE).
    public var encoding: Encoding
    /// Field 5 (required).
    public var definitionLevelsByteLength: Int32
    /// Field 6 (required).
    public var repetitionLevelsByteLength: Int32
    /// Field 7: whether the values section is compressed; absent means true (see `valuesAreCompressed`).
    public var isCompressed: Bool?
    /// Field 8.
    public var statistics: Statistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding, definitionLevelsByteLength: Int32,
        repetitionLevelsByteLength: Int32, isCompressed: Bool? = nil, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }

    /// `isCompressed` with the IDL default (true) applied.
    public var valuesAreCompressed: Bool { isCompressed ?? true }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: Encoding?
        var definitionLevelsByteLength: Int32?
        var repetitionLevelsByteLength: Int32?
        var isCompressed: Bool?
        var statistics: Statistics?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): numNulls = try reader.readI32()
            case (3, .i32): numRows = try reader.readI32()
            case (4, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (5, .i32): definitionLevelsByteLength = try reader.readI32()
            case (6, .i32): repetitionLevelsByteLength = try reader.readI32()
            case (7, .bool): isCompressed = try reader.readBool()
            case (8, .struct): statistics = try Statistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        let name = "DataPageHeaderV2"
        guard let numValues else { throw .missingField("num_values", id: 1, in: name, at: start) }
        guard let numNulls else { throw .missingField("num_nulls", id: 2, in: name, at: start) }
        guard let numRows else { throw .missingField("num_rows", id: 3, in: name, at: start) }
        guard let encoding else { throw .missingField("encoding", id: 4, in: name, at: start) }
        guard let definitionLevelsByteLength else {
            throw .missingField("definition_levels_byte_length", id: 5, in: name, at: start)
        }
        guard let repetitionLevelsByteLength else {
            throw .missingField("repetition_levels_byte_length", id: 6, in: name, at: start)
        }
        self.init(
            numValues: numValues, numNulls: numNulls, numRows: numRows, encoding: encoding,
            definitionLevelsByteLength: definitionLevelsByteLength,
            repetitionLevelsByteLength: repetitionLevelsByteLength, isCompressed: isCompressed,
            statistics: statistics)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, numValues)
        writer.writeI32Field(2, numNulls)
        writer.writeI32Field(3, numRows)
        writer.writeI32Field(4, encoding.rawValue)
        writer.writeI32Field(5, definitionLevelsByteLength)
        writer.writeI32Field(6, repetitionLevelsByteLength)
        writer.writeBoolField(7, isCompressed)
        writer.writeStructField(8, statistics)
        writer.endStruct()
    }
}
