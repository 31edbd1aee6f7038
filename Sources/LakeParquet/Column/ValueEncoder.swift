/// Encodes a page's non-null values with a non-dictionary encoding.
///
/// Spec: parquet-format Encodings.md
enum ValueEncoder {
    /// Appends `values` encoded with `encoding` to `output`.
    /// - Precondition: the writer only selects encodings valid for the physical type
    ///   (`ColumnChunkWriter.encoding(_:for:column:)` checks user choices).
    static func encode(_ values: PhysicalValues, as encoding: Encoding, into output: inout [UInt8]) {
        switch (values, encoding) {
        case (.boolean(let v), .plain): v.withUnsafeBufferPointer { PlainEncoding.encodeBooleans($0, into: &output) }
        case (.boolean(let v), .rle):
            v.withUnsafeBufferPointer { RLEHybrid.encodeLengthPrefixedBooleans($0, into: &output) }
        case (.int32(let v), .plain): v.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &output) }
        case (.int64(let v), .plain): v.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &output) }
        case (.float(let v), .plain): v.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &output) }
        case (.double(let v), .plain): v.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &output) }
        case (.int32(let v), .deltaBinaryPacked): v.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        case (.int64(let v), .deltaBinaryPacked): v.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        case (.int32(let v), .byteStreamSplit): v.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &output) }
        case (.int64(let v), .byteStreamSplit): v.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &output) }
        case (.float(let v), .byteStreamSplit): v.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &output) }
        case (.double(let v), .byteStreamSplit): v.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &output) }
        case (.byteArray(let offsets, let data), .plain):
            data.withUnsafeBytes { bytes in
                offsets.withUnsafeBufferPointer { PlainEncoding.encodeByteArrays(data: bytes, offsets: $0, into: &output) }
            }
        case (.byteArray(let offsets, let data), .deltaLengthByteArray):
            data.withUnsafeBytes { bytes in
                offsets.withUnsafeBufferPointer { DeltaLengthByteArray.encode(data: bytes, offsets: $0, into: &output) }
            }
        case (.byteArray(let offsets, let data), .deltaByteArray):
            data.withUnsafeBytes { bytes in
                offsets.withUnsafeBufferPointer { DeltaByteArray.encode(data: bytes, offsets: $0, into: &output) }
            }
        case (.fixedLenByteArray(_, let data), .plain):
            data.withUnsafeBytes { PlainEncoding.encodeFixedLengthByteArrays($0, into: &output) }
        case (.fixedLenByteArray(let width, let data), .deltaByteArray):
            data.withUnsafeBytes { DeltaByteArray.encodeFixedLength($0, width: width, into: &output) }
        case (.fixedLenByteArray(let width, let data), .byteStreamSplit):
            data.withUnsafeBytes { ByteStreamSplit.encode($0, width: width, into: &output) }
        default:
            preconditionFailure("\(encoding) cannot encode \(values.kindName) values")
        }
    }
}
