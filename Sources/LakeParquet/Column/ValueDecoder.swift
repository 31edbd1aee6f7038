/// Decodes a page's non-null values, in any encoding this engine reads, and appends them to the chunk's values.
///
/// Spec: parquet-format Encodings.md
enum ValueDecoder {
    /// Appends `count` values of `column` decoded from `bytes` with `encoding` to `values`.
    /// - Throws: `.unsupported` for an encoding not valid for the physical type; `.invalidData` or `.truncated`
    ///   for malformed values; `.invalidData` for dictionary indices without (or outside) a dictionary.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, encoding: Encoding, count: Int, column: ParquetColumn,
        dictionary: PhysicalValues?, into values: inout PhysicalValues
    ) throws(ParquetError) {
        guard count >= 0 else { throw .invalidData("negative value count") }
        if count == 0 { return }
        if encoding == .rleDictionary || encoding == .plainDictionary {
            guard let dictionary else {
                throw .invalidData("dictionary-encoded page without a dictionary page")
            }
            var indices: [UInt32] = []
            // Each index takes at least one bit, so an honest page cannot hold more than 8 per byte plus runs.
            indices.reserveCapacity(min(count, bytes.count * 8 + 64))
            try DictionaryIndices.decode(bytes, count: count, into: &indices)
            try gather(indices, from: dictionary, into: &values)
            return
        }
        let physical = column.physicalType
        var unsupported: ParquetError { ParquetError(.unsupported, "encoding \(encoding) for \(physical) values") }
        // Bind each payload in a case without a `where` clause, then choose the encoding inside: a tuple subject or
        // a `where` clause keeps a second reference to the arrays alive, and the first append would then copy the
        // chunk's values decoded so far (once per page). `defer` puts the values back on every exit.
        switch values.taking() {
        case .boolean(var v):
            defer { values = .boolean(v) }
            switch encoding {
            case .plain: try PlainEncoding.decodeBooleans(bytes, count: count, into: &v)
            case .rle: try RLEHybrid.decodeLengthPrefixedBooleans(bytes, count: count, into: &v)
            default: throw unsupported
            }
        case .int32(var v):
            defer { values = .int32(v) }
            switch encoding {
            case .plain: try PlainEncoding.decode(bytes, count: count, into: &v)
            case .deltaBinaryPacked: try DeltaBinaryPacked.decode(bytes, count: count, into: &v)
            case .byteStreamSplit: try ByteStreamSplit.decode(bytes, count: count, into: &v)
            default: throw unsupported
            }
        case .int64(var v):
            defer { values = .int64(v) }
            switch encoding {
            case .plain where physical == .int96:
                try PlainEncoding.decodeInt96Timestamps(bytes, count: count, into: &v)
            case .plain: try PlainEncoding.decode(bytes, count: count, into: &v)
            case .deltaBinaryPacked where physical == .int64:
                try DeltaBinaryPacked.decode(bytes, count: count, into: &v)
            case .byteStreamSplit where physical == .int64: try ByteStreamSplit.decode(bytes, count: count, into: &v)
            default: throw unsupported
            }
        case .float(var v):
            defer { values = .float(v) }
            switch encoding {
            case .plain: try PlainEncoding.decode(bytes, count: count, into: &v)
            case .byteStreamSplit: try ByteStreamSplit.decode(bytes, count: count, into: &v)
            default: throw unsupported
            }
        case .double(var v):
            defer { values = .double(v) }
            switch encoding {
            case .plain: try PlainEncoding.decode(bytes, count: count, into: &v)
            case .byteStreamSplit: try ByteStreamSplit.decode(bytes, count: count, into: &v)
            default: throw unsupported
            }
        case .byteArray(var offsets, var data):
            defer { values = .byteArray(offsets: offsets, data: data) }
            switch encoding {
            case .plain: try PlainEncoding.decodeByteArrays(bytes, count: count, values: &data, offsets: &offsets)
            case .deltaLengthByteArray:
                try DeltaLengthByteArray.decode(bytes, count: count, values: &data, offsets: &offsets)
            case .deltaByteArray: try DeltaByteArray.decode(bytes, count: count, values: &data, offsets: &offsets)
            default: throw unsupported
            }
        case .fixedLenByteArray(let width, var data):
            defer { values = .fixedLenByteArray(width: width, data: data) }
            switch encoding {
            case .plain: try PlainEncoding.decodeFixedLengthByteArrays(bytes, count: count, width: width, into: &data)
            case .deltaByteArray: try DeltaByteArray.decodeFixedLength(bytes, count: count, width: width, into: &data)
            case .byteStreamSplit: try ByteStreamSplit.decode(bytes, count: count, width: width, into: &data)
            default: throw unsupported
            }
        }
    }

    private static func gather(
        _ indices: [UInt32], from dictionary: PhysicalValues, into values: inout PhysicalValues
    ) throws(ParquetError) {
        // A single switch subject (not a tuple with the dictionary) keeps the values uniquely referenced, so
        // appending does not copy them; `defer` puts them back on every exit.
        try indices.withUnsafeBufferPointer { (indices) throws(ParquetError) in
            switch values.taking() {
            case .int32(var v):
                defer { values = .int32(v) }
                guard case .int32(let d) = dictionary else { throw dictionaryMismatch }
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
            case .int64(var v):
                defer { values = .int64(v) }
                guard case .int64(let d) = dictionary else { throw dictionaryMismatch }
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
            case .float(var v):
                defer { values = .float(v) }
                guard case .float(let d) = dictionary else { throw dictionaryMismatch }
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
            case .double(var v):
                defer { values = .double(v) }
                guard case .double(let d) = dictionary else { throw dictionaryMismatch }
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
            case .boolean(var v):
                defer { values = .boolean(v) }
                guard case .boolean(let d) = dictionary else { throw dictionaryMismatch }
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
            case .byteArray(var offsets, var data):
                defer { values = .byteArray(offsets: offsets, data: data) }
                guard case .byteArray(let dictionaryOffsets, let dictionaryData) = dictionary else {
                    throw dictionaryMismatch
                }
                try dictionaryData.withParquetBytes { (bytes) throws(ParquetError) in
                    try dictionaryOffsets.withUnsafeBufferPointer { (ends) throws(ParquetError) in
                        try DictionaryIndices.gatherByteArrays(
                            indices, dictionaryData: bytes, dictionaryOffsets: ends, values: &data, offsets: &offsets)
                    }
                }
            case .fixedLenByteArray(let width, var data):
                defer { values = .fixedLenByteArray(width: width, data: data) }
                guard case .fixedLenByteArray(_, let dictionaryData) = dictionary else { throw dictionaryMismatch }
                if width == 0 { return }
                try dictionaryData.withParquetBytes { (bytes) throws(ParquetError) in
                    try DictionaryIndices.gatherFixedLengthByteArrays(
                        indices, dictionary: bytes, width: width, into: &data)
                }
            }
        }
    }

    private static var dictionaryMismatch: ParquetError {
        .invalidData("dictionary of another physical type than the column")
    }
}
