/// The page index part that locates each data page of a column chunk.
///
/// Spec: parquet.thrift `struct OffsetIndex`.
public struct OffsetIndex: ThriftStruct, Hashable {
    /// Field 1 (required): ordered by offset, with strictly increasing first row indexes.
    public var pageLocations: [PageLocation]
    /// Field 2: unencoded byte-array data bytes of each page (BYTE_ARRAY columns only).
    public var unencodedByteArrayDataBytes: [Int64]?

    public init(pageLocations: [PageLocation], unencodedByteArrayDataBytes: [Int64]? = nil) {
        self.pageLocations = pageLocations
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var pageLocations: [PageLocation]?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .list): pageLocations = try reader.readList(of: PageLocation.self, "OffsetIndex.page_locations")
            case (2, .list):
                unencodedByteArrayDataBytes = try reader.readI64List("OffsetIndex.unencoded_byte_array_data_bytes")
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let pageLocations else { throw .missingField("page_locations", id: 1, in: "OffsetIndex", at: start) }
        self.pageLocations = pageLocations
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeListField(1, pageLocations)
        writer.writeI64ListField(2, unencodedByteArrayDataBytes)
        writer.endStruct()
    }

    /// Decodes an offset index stored at `ColumnChunk.offsetIndexOffset`.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(ParquetError) -> OffsetIndex {
        var reader = ThriftCompactReader(bytes)
        return try OffsetIndex(from: &reader)
    }

    /// Decodes an offset index from all of `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(ParquetError) -> OffsetIndex {
        try decode(bytes[...])
    }
}
