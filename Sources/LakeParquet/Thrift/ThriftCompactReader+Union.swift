extension ThriftCompactReader {
    /// Reads a Thrift union whose members are all structs, as every union in parquet.thrift is.
    ///
    /// Exactly one member must be set. A member id that `readMember` does not know is skipped and becomes
    /// `unrecognized(id)`, so that unions extended by newer writers still decode.
    ///
    /// - Parameters:
    ///   - name: the union's IDL name, for errors.
    ///   - unrecognized: makes the value for a member id unknown to `readMember`.
    ///   - readMember: reads the member struct with the given id, or returns nil without reading anything.
    /// - Throws: `.invalidMetadata` if no member or several members are set or a member is not a struct.
    public mutating func readUnion<Value>(
        _ name: String, unrecognized: (Int16) -> Value,
        _ readMember: (Int16, inout ThriftCompactReader) throws(ParquetError) -> Value?
    ) throws(ParquetError) -> Value {
        let start = consumedByteCount
        var value: Value?
        var memberCount = 0
        try beginStruct()
        while let field = try readFieldHeader() {
            memberCount += 1
            guard field.type == .struct else {
                throw ParquetError(
                    .invalidMetadata,
                    "union \(name) at offset \(start): member \(field.id) is a \(field.type), expected a struct")
            }
            if let member = try readMember(field.id, &self) {
                value = member
            } else {
                try skip(.struct)
                value = unrecognized(field.id)
            }
        }
        endStruct()
        guard memberCount == 1, let value else {
            throw ParquetError(
                .invalidMetadata, "union \(name) at offset \(start) has \(memberCount) members set; expected 1")
        }
        return value
    }
}
