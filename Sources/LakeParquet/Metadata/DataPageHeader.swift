/// The header of a version 1 data page, whose levels and values are compressed together.
///
/// Spec: parquet.thrift `struct DataPageHeader`.
public struct DataPageHeader: ThriftStruct, Hashable {
    /// Field 1 (required): values in the page, including nulls.
    public var numValues: Int32
    /// Field 2 (required).
    public var encoding: Encoding
    /// Field 3 (required).
    public var definitionLevelEncoding: Encoding
    /// Field 4 (required).
    public var repetitionLevelEncoding: Encoding
    /// Field 5.
    public var statistics: Statistics?

    public init(
        numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding, repetitionLevelEncoding: Encoding,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var numValues: Int32?
        var encoding: Encoding?
        var definitionLevelEncoding: Encoding?
        var repetitionLevelEncoding: Encoding?
        var statistics: Statistics?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): definitionLevelEncoding = Encoding(rawValue: try reader.readI32())
            case (4, .i32): repetitionLevelEncoding = Encoding(rawValue: try reader.readI32())
            case (5, .struct): statistics = try Statistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let numValues else { throw .missingField("num_values", id: 1, in: "DataPageHeader", at: start) }
        guard let encoding else { throw .missingField("encoding", id: 2, in: "DataPageHeader", at: start) }
        guard let definitionLevelEncoding else {
            throw .missingField("definition_level_encoding", id: 3, in: "DataPageHeader", at: start)
        }
        guard let repetitionLevelEncoding else {
            throw .missingField("repetition_level_encoding", id: 4, in: "DataPageHeader", at: start)
        }
        self.init(
            numValues: numValues, encoding: encoding, definitionLevelEncoding: definitionLevelEncoding,
            repetitionLevelEncoding: repetitionLevelEncoding, statistics: statistics)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, numValues)
        writer.writeI32Field(2, encoding.rawValue)
        writer.writeI32Field(3, definitionLevelEncoding.rawValue)
        writer.writeI32Field(4, repetitionLevelEncoding.rawValue)
        writer.writeStructField(5, statistics)
        writer.endStruct()
    }
}
