/// What a column chunk holds and where its pages are.
///
/// Spec: parquet.thrift `struct ColumnMetaData`.
public struct ColumnMetaData: ThriftStruct, Hashable {
    /// Field 1 (required).
    public var type: PhysicalType
    /// Field 2 (required): every encoding used by the chunk's pages, including level encodings.
    public var encodings: [Encoding]
    /// Field 3 (required): names from the schema root (exclusive) to this leaf.
    public var pathInSchema: [String]
    /// Field 4 (required).
    public var codec: CompressionCodec
    /// Field 5 (required): values in the chunk, including nulls.
    public var numValues: Int64
    /// Field 6 (required): size of all pages uncompressed, headers included.
    public var totalUncompressedSize: Int64
    /// Field 7 (required): size of all pages as stored, headers included.
    public var totalCompressedSize: Int64
    /// Field 8.
    public var keyValueMetadata: [KeyValue]?
    /// Field 9 (required): file offset of the first data page.
    public var dataPageOffset: Int64
    /// Field 10: file offset of the root index page.
    public var indexPageOffset: Int64?
    /// Field 11: file offset of the dictionary page, which precedes the data pages.
    public var dictionaryPageOffset: Int64?
    /// Field 12.
    public var statistics: Statistics?
    /// Field 13.
    public var encodingStats: [PageEncodingStats]?
    /// Field 14: file offset of the Bloom filter header.
    public var bloomFilterOffset: Int64?
    /// Field 15: size of the Bloom filter header and bitset.
    public var bloomFilterLength: Int32?
    /// Field 16.
    public var sizeStatistics: SizeStatistics?
    /// Field 17.
    public var geospatialStatistics: GeospatialStatistics?

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64, indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil, bloomFilterOffset: Int64? = nil, bloomFilterLength: Int32? = nil,
        sizeStatistics: SizeStatistics? = nil, geospatialStatistics: GeospatialStatistics? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
        self.sizeStatistics = sizeStatistics
        self.geospatialStatistics = geospatialStatistics
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var type: PhysicalType?
        var encodings: [Encoding]?
        var pathInSchema: [String]?
        var codec: CompressionCodec?
        var numValues: Int64?
        var totalUncompressedSize: Int64?
        var totalCompressedSize: Int64?
        var dataPageOffset: Int64?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
            case (2, .list):
                encodings = try reader.readI32List("ColumnMetaData.encodings").map(Encoding.init(rawValue:))
            case (3, .list): pathInSchema = try reader.readStringList("ColumnMetaData.path_in_schema")
            case (4, .i32): codec = CompressionCodec(rawValue: try reader.readI32())
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): totalUncompressedSize = try reader.readI64()
            case (7, .i64): totalCompressedSize = try reader.readI64()
            case (8, .list):
                keyValueMetadata = try reader.readList(of: KeyValue.self, "ColumnMetaData.key_value_metadata")
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (10, .i64): indexPageOffset = try reader.readI64()
            case (11, .i64): dictionaryPageOffset = try reader.readI64()
            case (12, .struct): statistics = try Statistics(from: &reader)
            case (13, .list):
                encodingStats = try reader.readList(of: PageEncodingStats.self, "ColumnMetaData.encoding_stats")
            case (14, .i64): bloomFilterOffset = try reader.readI64()
            case (15, .i32): bloomFilterLength = try reader.readI32()
            case (16, .struct): sizeStatistics = try SizeStatistics(from: &reader)
            case (17, .struct): geospatialStatistics = try GeospatialStatistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        let name = "ColumnMetaData"
        guard let type else { throw .missingField("type", id: 1, in: name, at: start) }
        guard let encodings else { throw .missingField("encodings", id: 2, in: name, at: start) }
        guard let pathInSchema else { throw .missingField("path_in_schema", id: 3, in: name, at: start) }
        guard let codec else { throw .missingField("codec", id: 4, in: name, at: start) }
        guard let numValues else { throw .missingField("num_values", id: 5, in: name, at: start) }
        guard let totalUncompressedSize else {
            throw .missingField("total_uncompressed_size", id: 6, in: name, at: start)
        }
        guard let totalCompressedSize else { throw .missingField("total_compressed_size", id: 7, in: name, at: start) }
        guard let dataPageOffset else { throw .missingField("data_page_offset", id: 9, in: name, at: start) }
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, type.rawValue)
        writer.writeI32ListField(2, encodings.map(\.rawValue))
        writer.writeStringListField(3, pathInSchema)
        writer.writeI32Field(4, codec.rawValue)
        writer.writeI64Field(5, numValues)
        writer.writeI64Field(6, totalUncompressedSize)
        writer.writeI64Field(7, totalCompressedSize)
        writer.writeListField(8, keyValueMetadata)
        writer.writeI64Field(9, dataPageOffset)
        writer.writeI64Field(10, indexPageOffset)
        writer.writeI64Field(11, dictionaryPageOffset)
        writer.writeStructField(12, statistics)
        writer.writeListField(13, encodingStats)
        writer.writeI64Field(14, bloomFilterOffset)
        writer.writeI32Field(15, bloomFilterLength)
        writer.writeStructField(16, sizeStatistics)
        writer.writeStructField(17, geospatialStatistics)
        writer.endStruct()
    }
}
