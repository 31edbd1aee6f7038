/// The header in front of every page of a column chunk; the page's bytes follow it directly.
///
/// `type` says which sub-header is set. The sub-header of index pages (field 6, an empty struct that no
/// writer uses) is skipped like an unknown field.
///
/// Spec: parquet.thrift `struct PageHeader`.
public struct PageHeader: ThriftStruct, Hashable {
    /// Field 1 (required).
    public var type: PageType
    /// Field 2 (required): page size after decompression, excluding this header.
    public var uncompressedPageSize: Int32
    /// Field 3 (required): page size as stored, excluding this header.
    public var compressedPageSize: Int32
    /// Field 4: CRC-32 of the page bytes as stored.
    public var crc: Int32?
    /// Field 5: set for `PageType.dataPage`.
    public var dataPageHeader: DataPageHeader?
    /// Field 7: set for `PageType.dictionaryPage`.
    public var dictionaryPageHeader: DictionaryPageHeader?
    /// Field 8: set for `PageType.dataPageV2`.
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var type: PageType?
        var uncompressedPageSize: Int32?
        var compressedPageSize: Int32?
        var crc: Int32?
        var dataPageHeader: DataPageHeader?
        var dictionaryPageHeader: DictionaryPageHeader?
        var dataPageHeaderV2: DataPageHeaderV2?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): type = PageType(rawValue: try reader.readI32())
            case (2, .i32): uncompressedPageSize = try reader.readI32()
            case (3, .i32): compressedPageSize = try reader.readI32()
            case (4, .i32): crc = try reader.readI32()
            case (5, .struct): dataPageHeader = try DataPageHeader(from: &reader)
            case (7, .struct): dictionaryPageHeader = try DictionaryPageHeader(from: &reader)
            case (8, .struct): dataPageHeaderV2 = try DataPageHeaderV2(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let type else { throw .missingField("type", id: 1, in: "PageHeader", at: start) }
        guard let uncompressedPageSize else {
            throw .missingField("uncompressed_page_size", id: 2, in: "PageHeader", at: start)
        }
        guard let compressedPageSize else {
            throw .missingField("compressed_page_size", id: 3, in: "PageHeader", at: start)
        }
        self.init(
            type: type, uncompressedPageSize: uncompressedPageSize, compressedPageSize: compressedPageSize, crc: crc,
            dataPageHeader: dataPageHeader, dictionaryPageHeader: dictionaryPageHeader,
            dataPageHeaderV2: dataPageHeaderV2)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, type.rawValue)
        writer.writeI32Field(2, uncompressedPageSize)
        writer.writeI32Field(3, compressedPageSize)
        writer.writeI32Field(4, crc)
        writer.writeStructField(5, dataPageHeader)
        writer.writeStructField(7, dictionaryPageHeader)
        writer.writeStructField(8, dataPageHeaderV2)
        writer.endStruct()
    }

    /// Decodes the page header at the start of `bytes`.
    ///
    /// - Returns: the header and its encoded size; the page's bytes start that many bytes into `bytes`.
    /// - Throws: `.truncated` if `bytes` ends inside the header, `.invalidMetadata` if it is malformed.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(ParquetError) -> (header: PageHeader, byteCount: Int) {
        var reader = ThriftCompactReader(bytes)
        let header = try PageHeader(from: &reader)
        return (header, reader.consumedByteCount)
    }

    /// Decodes the page header that starts `offset` bytes into `bytes`.
    public static func decode(_ bytes: [UInt8], at offset: Int = 0) throws(ParquetError)
        -> (header: PageHeader, byteCount: Int)
    {
        guard offset >= 0 && offset <= bytes.count else {
            throw .truncated(at: offset, needed: 1, what: "page header")
        }
        return try decode(bytes[offset...])
    }
}
