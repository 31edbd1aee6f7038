/// The algorithm of an encrypted file with a plaintext footer. This implementation decodes it so that
/// readers can refuse encrypted files clearly; it does not decrypt.
///
/// Spec: parquet.thrift `union EncryptionAlgorithm`.
public enum EncryptionAlgorithm: ThriftStruct, Hashable {
    /// Member 1.
    case aesGCMV1(AESGCMParameters)
    /// Member 2.
    case aesGCMCTRV1(AESGCMParameters)
    /// A member this implementation does not know. Encoding writes it back as an empty struct with the same id.
    case unrecognized(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("EncryptionAlgorithm", unrecognized: EncryptionAlgorithm.unrecognized) {
            (id: Int16, reader: inout ThriftCompactReader) throws(ParquetError) -> EncryptionAlgorithm? in
            switch id {
            case 1: return .aesGCMV1(try AESGCMParameters(from: &reader))
            case 2: return .aesGCMCTRV1(try AESGCMParameters(from: &reader))
            default: return nil
            }
        }
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .aesGCMV1(let parameters): writer.writeStructField(1, parameters)
        case .aesGCMCTRV1(let parameters): writer.writeStructField(2, parameters)
        case .unrecognized(let id): writer.writeEmptyStructField(id)
        }
        writer.endStruct()
    }
}
