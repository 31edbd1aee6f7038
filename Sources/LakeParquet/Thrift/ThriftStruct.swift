/// A value that is encoded as a Thrift struct or union with the compact protocol.
///
/// Decoding checks that required fields are present, skips fields it does not know (and fields whose wire
/// type differs from the IDL, as Thrift's generated code does) and throws `ParquetError` on malformed input.
/// Encoding writes fields in increasing id order and omits optional fields that are nil.
public protocol ThriftStruct: Sendable {
    /// Reads one struct, from its first field header through its stop byte.
    init(from reader: inout ThriftCompactReader) throws(ParquetError)

    /// Appends the struct, from its first field header through its stop byte.
    func write(to writer: inout ThriftCompactWriter)
}

extension ThriftStruct {
    /// The compact encoding of this value, from its first field header through its stop byte.
    public func encode() -> [UInt8] {
        var writer = ThriftCompactWriter()
        write(to: &writer)
        return writer.bytes
    }
}
