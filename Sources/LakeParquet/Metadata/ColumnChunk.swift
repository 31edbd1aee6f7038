/// One column of one row group: its metadata and where its page index is.
///
/// `fileOffset` is required by the IDL but deprecated and declared with default 0; decoding applies that
/// default when a writer omits it. `metaData` is optional in the IDL, yet every mainstream writer sets it;
/// the column reader, not this decoder, rejects chunks without it.
///
/// Spec: parquet.thrift `struct ColumnChunk`.
public struct ColumnChunk: ThriftStruct, Hashable {
    /// Field 1: a file other than this one holding the chunk (summary files only).
    public var filePath: String?
    /// Field 2 (required, deprecated): writers set 0.
    public var fileOffset: Int64
    /// Field 3.
    public var metaData: ColumnMetaData?
    /// Field 4: file offset of the chunk's `OffsetIndex`.
    public var offsetIndexOffset: Int64?
    /// Field 5: size of the chunk's `OffsetIndex`.
    public var offsetIndexLength: Int32?
    /// Field 6: file offset of the chunk's `ColumnIndex`.
    public var columnIndexOffset: Int64?
    /// Field 7: size of the chunk's `ColumnIndex`.
    public var columnIndexLength: Int32?
    /// Field 8: set for encrypted columns.
    public var cryptoMetadata: ColumnCryptoMetadata?
    /// Field 9: the encrypted `ColumnMetaData` of an encrypted column.
    public var encryptedColumnMetadata: [UInt8]?

    public init(
        filePath: String? = nil, fileOffset: Int64 = 0, metaData: ColumnMetaData? = nil,
        offsetIndexOffset: Int64? = nil, offsetIndexLength: Int32? = nil, columnIndexOffset: Int64? = nil,
        columnIndexLength: Int32? = nil, cryptoMetadata: ColumnCryptoMetadata? = nil,
        encryptedColumnMetadata: [UInt8]? = nil
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
        self.cryptoMetadata = cryptoMetadata
        self.encryptedColumnMetadata = encryptedColumnMetadata
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): filePath = try reader.readString()
            case (2, .i64): fileOffset = try reader.readI64()
            case (3, .struct): metaData = try ColumnMetaData(from: &reader)
            case (4, .i64): offsetIndexOffset = try reader.readI64()
            case (5, .i32): offsetIndexLength = try reader.readI32()
            case (6, .i64): columnIndexOffset = try reader.readI64()
            case (7, .i32): columnIndexLength = try reader.readI32()
            case (8, .struct): cryptoMetadata = try ColumnCryptoMetadata(from: &reader)
            case (9, .binary): encryptedColumnMetadata = try reader.readBinary()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeStringField(1, filePath)
        writer.writeI64Field(2, fileOffset)
        writer.writeStructField(3, metaData)
        writer.writeI64Field(4, offsetIndexOffset)
        writer.writeI32Field(5, offsetIndexLength)
        writer.writeI64Field(6, columnIndexOffset)
        writer.writeI32Field(7, columnIndexLength)
        writer.writeStructField(8, cryptoMetadata)
        writer.writeBinaryField(9, encryptedColumnMetadata)
        writer.endStruct()
    }
}
