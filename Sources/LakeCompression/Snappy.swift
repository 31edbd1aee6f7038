import CSnappy

/// The Snappy raw format through libsnappy's C API. Snappy keeps no state between calls.
///
/// Spec: https://github.com/google/snappy/blob/main/format_description.txt
enum Snappy {
    static let name = Codec.snappy.name

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(CompressionError) {
        let boundBytes = snappy_max_compressed_length(input.count)
        try output.appendBytes(byteCountMax: boundBytes) { (destination) throws(CompressionError) -> Int in
            try input.withNonNullBase { (source) throws(CompressionError) -> Int in
                var writtenBytes = boundBytes
                let status = snappy_compress(
                    source.assumingMemoryBound(to: CChar.self), input.count,
                    destination.assumingMemoryBound(to: CChar.self), &writtenBytes)
                guard status == SNAPPY_OK else {
                    throw .libraryFailure(codec: name, reason: "snappy_compress returned \(status.rawValue)")
                }
                return writtenBytes
            }
        }
    }

    /// Checks the length the data declares against `uncompressedSize` before decoding anything, so a lying header
    /// costs no allocation; libsnappy then bounds-checks every element against input and output.
    static func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        try input.withNonNullBase { (source) throws(CompressionError) in
            let sourceChars = source.assumingMemoryBound(to: CChar.self)
            var declaredBytes = 0
            guard snappy_uncompressed_length(sourceChars, input.count, &declaredBytes) == SNAPPY_OK else {
                throw .corrupt(codec: name, reason: "the length header is not a valid varint")
            }
            guard declaredBytes == uncompressedSize else {
                throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: declaredBytes)
            }
            try output.appendBytes(byteCountMax: uncompressedSize) { (destination) throws(CompressionError) -> Int in
                var writtenBytes = uncompressedSize
                let status = snappy_uncompress(
                    sourceChars, input.count, destination.assumingMemoryBound(to: CChar.self), &writtenBytes)
                guard status == SNAPPY_OK else {
                    throw .corrupt(codec: name, reason: "invalid or truncated elements (status \(status.rawValue))")
                }
                guard writtenBytes == uncompressedSize else {
                    throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: writtenBytes)
                }
                return writtenBytes
            }
        }
    }
}
