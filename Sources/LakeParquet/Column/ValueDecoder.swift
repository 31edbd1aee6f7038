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
        switch (values.taking(), encoding) {
        case (.boolean(var v), .plain):
            try PlainEncoding.decodeBooleans(bytes, count: count, into: &v)
            values = .boolean(v)
        case (.boolean(var v), .rle):
            try RLEHybrid.decodeLengthPrefixedBooleans(bytes, count: count, into: &v)
            values = .boolean(v)
        case (.int32(var v), .plain):
            try PlainEncoding.decode(bytes, count: count, into: &v)
            values = .int32(v)
        case (.int32(var v), .deltaBinaryPacked):
            try DeltaBinaryPacked.decode(bytes, count: count, into: &v)
            values = .int32(v)
        case (.int32(var v), .byteStreamSplit):
            try ByteStreamSplit.decode(bytes, count: count, into: &v)
            values = .int32(v)
        case (.int64(var v), .plain) where physical == .int96:
            try PlainEncoding.decodeInt96Timestamps(bytes, count: count, into: &v)
            values = .int64(v)
        case (.int64(var v), .plain):
            try PlainEncoding.decode(bytes, count: count, into: &v)
            values = .int64(v)
        case (.int64(var v), .deltaBinaryPacked) where physical == .int64:
            try DeltaBinaryPacked.decode(bytes, count: count, into: &v)
            values = .int64(v)
        case (.int64(var v), .byteStreamSplit) where physical == .int64:
            try ByteStreamSplit.decode(bytes, count: count, into: &v)
            values = .int64(v)
        case (.float(var v), .plain):
            try PlainEncoding.decode(bytes, count: count, into: &v)
            values = .float(v)
        case (.float(var v), .byteStreamSplit):
            try ByteStreamSplit.decode(bytes, count: count, into: &v)
            values = .float(v)
        case (.double(var v), .plain):
            try PlainEncoding.decode(bytes, count: count, into: &v)
            values = .double(v)
        case (.double(var v), .byteStreamSplit):
            try ByteStreamSplit.decode(bytes, count: count, into: &v)
            values = .double(v)
        case (.byteArray(var offsets, var data), .plain):
            try PlainEncoding.decodeByteArrays(bytes, count: count, values: &data, offsets: &offsets)
            values = .byteArray(offsets: offsets, data: data)
        case (.byteArray(var offsets, var data), .deltaLengthByteArray):
            try DeltaLengthByteArray.decode(bytes, count: count, values: &data, offsets: &offsets)
            values = .byteArray(offsets: offsets, data: data)
        case (.byteArray(var offsets, var data), .deltaByteArray):
            try DeltaByteArray.decode(bytes, count: count, values: &data, offsets: &offsets)
            values = .byteArray(offsets: offsets, data: data)
        case (.fixedLenByteArray(let width, var data), .plain):
            try PlainEncoding.decodeFixedLengthByteArrays(bytes, count: count, width: width, into: &data)
            values = .fixedLenByteArray(width: width, data: data)
        case (.fixedLenByteArray(let width, var data), .deltaByteArray):
            try DeltaByteArray.decodeFixedLength(bytes, count: count, width: width, into: &data)
            values = .fixedLenByteArray(width: width, data: data)
        case (.fixedLenByteArray(let width, var data), .byteStreamSplit):
            try ByteStreamSplit.decode(bytes, count: count, width: width, into: &data)
            values = .fixedLenByteArray(width: width, data: data)
        case (let unchanged, _):
            values = unchanged
            throw ParquetError(.unsupported, "encoding \(encoding) for \(physical) values")
        }
    }

    private static func gather(
        _ indices: [UInt32], from dictionary: PhysicalValues, into values: inout PhysicalValues
    ) throws(ParquetError) {
        try indices.withUnsafeBufferPointer { (indices) throws(ParquetError) in
            switch (values.taking(), dictionary) {
            case (.int32(var v), .int32(let d)):
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
                values = .int32(v)
            case (.int64(var v), .int64(let d)):
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
                values = .int64(v)
            case (.float(var v), .float(let d)):
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
                values = .float(v)
            case (.double(var v), .double(let d)):
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
                values = .double(v)
            case (.boolean(var v), .boolean(let d)):
                try d.withUnsafeBufferPointer { (d) throws(ParquetError) in
                    try DictionaryIndices.gather(indices, dictionary: d, into: &v)
                }
                values = .boolean(v)
            case (.byteArray(var offsets, var data), .byteArray(let dictionaryOffsets, let dictionaryData)):
                try dictionaryData.withParquetBytes { (bytes) throws(ParquetError) in
                    try dictionaryOffsets.withUnsafeBufferPointer { (ends) throws(ParquetError) in
                        try DictionaryIndices.gatherByteArrays(
                            indices, dictionaryData: bytes, dictionaryOffsets: ends, values: &data, offsets: &offsets)
                    }
                }
                values = .byteArray(offsets: offsets, data: data)
            case (.fixedLenByteArray(let width, var data), .fixedLenByteArray(_, let dictionaryData)):
                if width == 0 {
                    values = .fixedLenByteArray(width: width, data: data)
                    return
                }
                try dictionaryData.withParquetBytes { (bytes) throws(ParquetError) in
                    try DictionaryIndices.gatherFixedLengthByteArrays(indices, dictionary: bytes, width: width, into: &data)
                }
                values = .fixedLenByteArray(width: width, data: data)
            case (let unchanged, _):
                values = unchanged
                throw ParquetError.invalidData("dictionary of another physical type than the column")
            }
        }
    }
}
