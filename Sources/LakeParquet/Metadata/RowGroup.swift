/// A horizontal slice of the file: one column chunk per leaf column, in schema order.
///
/// Spec: parquet.thrift `struct RowGroup`.
public struct RowGroup: ThriftStruct, Hashable {
    /// Field 1 (required).
    public var columns: [ColumnChunk]
    /// Field 2 (required): uncompressed size of all column data.
    public var totalByteSize: Int64
    /// Field 3 (required).
    public var numRows: Int64
    /// Field 4: the sort order of the rows, if they are sorted.
    public var sortingColumns: [SortingColumn]?
    /// Field 5: file offset of the first page of the row group.
    public var fileOffset: Int64?
    /// Field 6: stored size of all column data.
    public var totalCompressedSize: Int64?
    /// Field 7: position of the row group in the file.
    public var ordinal: Int16?

    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var columns: [ColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .list): columns = try reader.readList(of: ColumnChunk.self, "RowGroup.columns")
            case (2, .i64): totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): sortingColumns = try reader.readList(of: SortingColumn.self, "RowGroup.sorting_columns")
            case (5, .i64): fileOffset = try reader.readI64()
            case (6, .i64): totalCompressedSize = try reader.readI64()
            case (7, .i16): ordinal = try reader.readI16()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let columns else { throw .missingField("columns", id: 1, in: "RowGroup", at: start) }
        guard let totalByteSize else { throw .missingField("total_byte_size", id: 2, in: "RowGroup", at: start) }
        guard let numRows else { throw .missingField("num_rows", id: 3, in: "RowGroup", at: start) }
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeListField(1, columns)
        writer.writeI64Field(2, totalByteSize)
        writer.writeI64Field(3, numRows)
        writer.writeListField(4, sortingColumns)
        writer.writeI64Field(5, fileOffset)
        writer.writeI64Field(6, totalCompressedSize)
        writer.writeI16Field(7, ordinal)
        writer.endStruct()
    }
}
