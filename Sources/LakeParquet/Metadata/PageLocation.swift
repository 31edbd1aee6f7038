/// Where one data page of a column chunk is, for the offset index.
///
/// Spec: parquet.thrift `struct PageLocation`.
public struct PageLocation: ThriftStruct, Hashable {
    /// Field 1 (required): file offset of the page header.
    public var offset: Int64
    /// Field 2 (required): size of the page including its header.
    public var compressedPageSize: Int32
    /// Field 3 (required): index of the page's first row within the row group.
    public var firstRowIndex: Int64

    public init(offset: Int64, compressedPageSize: Int32, firstRowIndex: Int64) {
        self.offset = offset
        self.compressedPageSize = compressedPageSize
        self.firstRowIndex = firstRowIndex
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var offset: Int64?
        var compressedPageSize: Int32?
        var firstRowIndex: Int64?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i64): offset = try reader.readI64()
            case (2, .i32): compressedPageSize = try reader.readI32()
            case (3, .i64): firstRowIndex = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let offset else { throw .missingField("offset", id: 1, in: "PageLocation", at: start) }
        guard let compressedPageSize else {
            throw .missingField("compressed_page_size", id: 2, in: "PageLocation", at: start)
        }
        guard let firstRowIndex else { throw .missingField("first_row_index", id: 3, in: "PageLocation", at: start) }
        self.init(offset: offset, compressedPageSize: compressedPageSize, firstRowIndex: firstRowIndex)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI64Field(1, offset)
        writer.writeI32Field(2, compressedPageSize)
        writer.writeI64Field(3, firstRowIndex)
        writer.endStruct()
    }
}
