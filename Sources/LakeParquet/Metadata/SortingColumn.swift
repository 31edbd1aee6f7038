/// One column of the sort order of a row group's rows.
///
/// Spec: parquet.thrift `struct SortingColumn`.
public struct SortingColumn: ThriftStruct, Hashable {
    /// Field 1 (required): the ordinal of the leaf column in the row group.
    public var columnIndex: Int32
    /// Field 2 (required).
    public var descending: Bool
    /// Field 3 (required): whether nulls sort before non-null values.
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var columnIndex: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): columnIndex = try reader.readI32()
            case (2, .bool): descending = try reader.readBool()
            case (3, .bool): nullsFirst = try reader.readBool()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let columnIndex else { throw .missingField("column_idx", id: 1, in: "SortingColumn", at: start) }
        guard let descending else { throw .missingField("descending", id: 2, in: "SortingColumn", at: start) }
        guard let nullsFirst else { throw .missingField("nulls_first", id: 3, in: "SortingColumn", at: start) }
        self.init(columnIndex: columnIndex, descending: descending, nullsFirst: nullsFirst)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, columnIndex)
        writer.writeBoolField(2, descending)
        writer.writeBoolField(3, nullsFirst)
        writer.endStruct()
    }
}
