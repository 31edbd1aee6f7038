/// The footer of a Parquet file: schema, row groups and file-level metadata.
///
/// The footer sits just before the trailing 4-byte little-endian length and `PAR1`; `decode(_:)` takes exactly
/// those length bytes.
///
/// Spec: parquet.thrift `struct FileMetaData`.
public struct FileMetaData: ThriftStruct, Hashable {
    /// Field 1 (required): readers accept 1 and 2 alike; writers should write 1.
    public var version: Int32
    /// Field 2 (required): the schema tree in depth-first order; element 0 is the root.
    public var schema: [SchemaElement]
    /// Field 3 (required).
    public var numRows: Int64
    /// Field 4 (required).
    public var rowGroups: [RowGroup]
    /// Field 5.
    public var keyValueMetadata: [KeyValue]?
    /// Field 6: "<application> version <version> (build <hash>)".
    public var createdBy: String?
    /// Field 7: one order per leaf column, in schema order.
    public var columnOrders: [ColumnOrder]?
    /// Field 8: set only in encrypted files with a plaintext footer.
    public var encryptionAlgorithm: EncryptionAlgorithm?
    /// Field 9: key metadata for verifying a plaintext footer's signature.
    public var footerSigningKeyMetadata: [UInt8]?

    public init(
        version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil,
        encryptionAlgorithm: EncryptionAlgorithm? = nil, footerSigningKeyMetadata: [UInt8]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
        self.encryptionAlgorithm = encryptionAlgorithm
        self.footerSigningKeyMetadata = footerSigningKeyMetadata
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var version: Int32?
        var schema: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [RowGroup]?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list): schema = try reader.readList(of: SchemaElement.self, "FileMetaData.schema")
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): rowGroups = try reader.readList(of: RowGroup.self, "FileMetaData.row_groups")
            case (5, .list):
                keyValueMetadata = try reader.readList(of: KeyValue.self, "FileMetaData.key_value_metadata")
            case (6, .binary): createdBy = try reader.readString()
            case (7, .list): columnOrders = try reader.readList(of: ColumnOrder.self, "FileMetaData.column_orders")
            case (8, .struct): encryptionAlgorithm = try EncryptionAlgorithm(from: &reader)
            case (9, .binary): footerSigningKeyMetadata = try reader.readBinary()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let version else { throw .missingField("version", id: 1, in: "FileMetaData", at: start) }
        guard let schema else { throw .missingField("schema", id: 2, in: "FileMetaData", at: start) }
        guard let numRows else { throw .missingField("num_rows", id: 3, in: "FileMetaData", at: start) }
        guard let rowGroups else { throw .missingField("row_groups", id: 4, in: "FileMetaData", at: start) }
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, version)
        writer.writeListField(2, schema)
        writer.writeI64Field(3, numRows)
        writer.writeListField(4, rowGroups)
        writer.writeListField(5, keyValueMetadata)
        writer.writeStringField(6, createdBy)
        writer.writeListField(7, columnOrders)
        writer.writeStructField(8, encryptionAlgorithm)
        writer.writeBinaryField(9, footerSigningKeyMetadata)
        writer.endStruct()
    }

    /// Decodes a footer from the bytes between the last row group and the footer length field.
    ///
    /// Bytes after the struct's stop byte are ignored.
    /// - Throws: `.truncated` if the bytes end inside the footer, `.invalidMetadata` if it is malformed or a
    ///   required field is missing.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(ParquetError) -> FileMetaData {
        var reader = ThriftCompactReader(bytes)
        return try FileMetaData(from: &reader)
    }

    /// Decodes a footer from all of `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(ParquetError) -> FileMetaData {
        try decode(bytes[...])
    }
}
