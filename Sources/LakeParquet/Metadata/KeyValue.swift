/// One entry of free-form key/value metadata, such as the `ARROW:schema` entry pyarrow writes.
///
/// Spec: parquet.thrift `struct KeyValue`.
public struct KeyValue: ThriftStruct, Hashable {
    /// Field 1 (required).
    public var key: String
    /// Field 2.
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var key: String?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let key else { throw .missingField("key", id: 1, in: "KeyValue", at: start) }
        self.key = key
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeStringField(1, key)
        writer.writeStringField(2, value)
        writer.endStruct()
    }
}
