/// How many pages of one type use one encoding within a column chunk.
///
/// Spec: parquet.thrift `struct PageEncodingStats`.
public struct PageEncodingStats: ThriftStruct, Hashable {
    /// Field 1 (required).
    public var pageType: PageType
    /// Field 2 (required).
    public var encoding: Encoding
    /// Field 3 (required).
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var pageType: PageType?
        var encoding: Encoding?
        var count: Int32?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): pageType = PageType(rawValue: try reader.readI32())
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let pageType else { throw .missingField("page_type", id: 1, in: "PageEncodingStats", at: start) }
        guard let encoding else { throw .missingField("encoding", id: 2, in: "PageEncodingStats", at: start) }
        guard let count else { throw .missingField("count", id: 3, in: "PageEncodingStats", at: start) }
        self.init(pageType: pageType, encoding: encoding, count: count)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, pageType.rawValue)
        writer.writeI32Field(2, encoding.rawValue)
        writer.writeI32Field(3, count)
        writer.endStruct()
    }
}
