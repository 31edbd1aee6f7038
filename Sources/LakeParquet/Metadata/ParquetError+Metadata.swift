extension ParquetError {
    /// A required field of a Thrift struct is absent from the struct that starts at `offset`.
    static func missingField(_ field: String, id: Int16, in structName: String, at offset: Int) -> ParquetError {
        ParquetError(
            .invalidMetadata,
            "\(structName).\(field) (field \(id)) is required but missing in the struct at offset \(offset)")
    }
}
