/// The header of the dictionary page that may start a column chunk.
///
/// Spec: parquet.thrift `struct DictionaryPageHeader`.
public struct DictionaryPageHeader: ThriftStruct, Hashable {
    /// Field 1 (required): entries in the dictionary.
    public var numValues: Int32
    /// Field 2 (required): PLAIN (or the deprecated PLAIN_DICTIONARY).
    public var encoding: Encoding
    /// Field 3: whether the entries are sorted ascending.
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        let start = reader.consumedByteCount
        var numValues: Int32?
        var encoding: Encoding?
        var isSorted: Bool?
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .bool): isSorted = try reader.readBool()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
        guard let numValues else { throw .missingField("num_values", id: 1, in: "DictionaryPageHeader", at: start) }
        guard let encoding else { throw .missingField("encoding", id: 2, in: "DictionaryPageHeader", at: start) }
        self.init(numValues: numValues, encoding: encoding, isSorted: isSorted)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32Field(1, numValues)
        writer.writeI32Field(2, encoding.rawValue)
        writer.writeBoolField(3, isSorted)
        writer.endStruct()
    }
}
