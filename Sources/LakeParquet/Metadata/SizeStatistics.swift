/// Sizes and level histograms that help a reader estimate the memory a column needs.
///
/// Spec: parquet.thrift `struct SizeStatistics`.
public struct SizeStatistics: ThriftStruct, Hashable {
    /// Field 1: bytes of BYTE_ARRAY values without their length prefixes.
    public var unencodedByteArrayDataBytes: Int64?
    /// Field 2: how often each repetition level occurs (max repetition level + 1 entries).
    public var repetitionLevelHistogram: [Int64]?
    /// Field 3: how often each definition level occurs (max definition level + 1 entries).
    public var definitionLevelHistogram: [Int64]?

    public init(
        unencodedByteArrayDataBytes: Int64? = nil, repetitionLevelHistogram: [Int64]? = nil,
        definitionLevelHistogram: [Int64]? = nil
    ) {
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
        self.repetitionLevelHistogram = repetitionLevelHistogram
        self.definitionLevelHistogram = definitionLevelHistogram
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i64): unencodedByteArrayDataBytes = try reader.readI64()
            case (2, .list):
                repetitionLevelHistogram = try reader.readI64List("SizeStatistics.repetition_level_histogram")
            case (3, .list):
                definitionLevelHistogram = try reader.readI64List("SizeStatistics.definition_level_histogram")
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI64Field(1, unencodedByteArrayDataBytes)
        writer.writeI64ListField(2, repetitionLevelHistogram)
        writer.writeI64ListField(3, definitionLevelHistogram)
        writer.endStruct()
    }
}
