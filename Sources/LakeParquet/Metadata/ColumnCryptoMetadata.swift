/// How an encrypted column chunk is encrypted. Decoded so that readers can refuse such columns clearly.
///
/// Spec: parquet.thrift `union ColumnCryptoMetaData`.
public enum ColumnCryptoMetadata: ThriftStruct, Hashable {
    /// Member 1 (`EncryptionWithFooterKey`, an empty struct).
    case encryptionWithFooterKey
    /// Member 2 (`EncryptionWithColumnKey`): `pathInSchema` is required.
    case encryptionWithColumnKey(pathInSchema: [String], keyMetadata: [UInt8]?)
    /// A member this implementation does not know. Encoding writes it back as an empty struct with the same id.
    case unrecognized(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("ColumnCryptoMetaData", unrecognized: ColumnCryptoMetadata.unrecognized) {
            (id: Int16, reader: inout ThriftCompactReader) throws(ParquetError) -> ColumnCryptoMetadata? in
            switch id {
            case 1:
                try reader.skip(.struct)
                return .encryptionWithFooterKey
            case 2:
                return try ColumnCryptoMetadata.readEncryptionWithColumnKey(&reader)
            default:
                return nil
            }
        }
    }

    private static func readEncryptionWithColumnKey(_ reader: inout ThriftCompactReader) throws(ParquetError)
        -> ColumnCryptoMetadata
    {
        let start = reader.consumedByteCount
        var pathInSchema: [String]?
        var keyMetadata: [UInt8]?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .list): pathInSchema = try reader.readStringList("EncryptionWithColumnKey.path_in_schema")
            case (2, .binary): keyMetadata = try reader.readBinary()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let pathInSchema else {
            throw .missingField("path_in_schema", id: 1, in: "EncryptionWithColumnKey", at: start)
        }
        return .encryptionWithColumnKey(pathInSchema: pathInSchema, keyMetadata: keyMetadata)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .encryptionWithFooterKey:
            writer.writeEmptyStructField(1)
        case .encryptionWithColumnKey(let pathInSchema, let keyMetadata):
            writer.writeFieldHeader(id: 2, type: .struct)
            writer.beginStruct()
            writer.writeStringListField(1, pathInSchema)
            writer.writeBinaryField(2, keyMetadata)
            writer.endStruct()
        case .unrecognized(let id):
            writer.writeEmptyStructField(id)
        }
        writer.endStruct()
    }
}
