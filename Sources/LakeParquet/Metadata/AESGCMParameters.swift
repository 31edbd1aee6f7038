/// The parameters of the AES-GCM and AES-GCM-CTR encryption algorithms, whose structs are identical.
///
/// Spec: parquet.thrift `struct AesGcmV1` and `struct AesGcmCtrV1`.
public struct AESGCMParameters: ThriftStruct, Hashable {
    /// Field 1: AAD prefix.
    public var aadPrefix: [UInt8]?
    /// Field 2: unique file identifier part of the AAD suffix.
    public var aadFileUnique: [UInt8]?
    /// Field 3: whether readers must supply the AAD prefix, which the file does not store.
    public var supplyAADPrefix: Bool?

    public init(aadPrefix: [UInt8]? = nil, aadFileUnique: [UInt8]? = nil, supplyAADPrefix: Bool? = nil) {
        self.aadPrefix = aadPrefix
        self.aadFileUnique = aadFileUnique
        self.supplyAADPrefix = supplyAADPrefix
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): aadPrefix = try reader.readBinary()
            case (2, .binary): aadFileUnique = try reader.readBinary()
            case (3, .bool): supplyAADPrefix = try reader.readBool()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeBinaryField(1, aadPrefix)
        writer.writeBinaryField(2, aadFileUnique)
        writer.writeBoolField(3, supplyAADPrefix)
        writer.endStruct()
    }
}
