import CLZ4

/// Single LZ4 blocks (no frame, no checksum) through liblz4. Parquet `LZ4_RAW` pages are one such block, and
/// Hadoop-framed pages are sequences of them.
///
/// Spec: https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md
enum LZ4Block {
    /// The largest input one block can hold (`LZ4_MAX_INPUT_SIZE`, just under 2 GiB).
    static let inputBytesMax = Int(LZ4_MAX_INPUT_SIZE)

    /// Appends `input` as one block.
    ///
    /// - Throws: `.limitExceeded` when `input` is larger than `inputBytesMax`.
    static func compress(
        _ input: UnsafeRawBufferPointer, codecName: String, into output: inout [UInt8]
    ) throws(CompressionError) {
        guard input.count <= inputBytesMax else {
            throw .limitExceeded(codec: codecName, bytes: input.count, limit: inputBytesMax)
        }
        let boundBytes = Int(LZ4_compressBound(Int32(input.count)))
        try output.appendBytes(byteCountMax: boundBytes) { (destination) throws(CompressionError) -> Int in
            let writtenBytes = input.withNonNullBase { source in
                LZ4_compress_default(
                    source.assumingMemoryBound(to: CChar.self), destination.assumingMemoryBound(to: CChar.self),
                    Int32(input.count), Int32(boundBytes))
            }
            guard writtenBytes > 0 else {
                throw .libraryFailure(codec: codecName, reason: "LZ4_compress_default returned \(writtenBytes)")
            }
            return Int(writtenBytes)
        }
    }

    /// Decodes the block in `source` into `destination`, which has room for `capacity` bytes, and returns how many
    /// bytes it wrote; nil when the block is malformed, truncated, or would decode to more than `capacity`.
    ///
    /// `LZ4_decompress_safe` never reads or writes outside the two ranges it is given.
    static func decode(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer, capacity: Int
    ) -> Int? {
        guard source.count <= Int(Int32.max), capacity <= Int(Int32.max) else { return nil }
        let writtenBytes = source.withNonNullBase { base in
            LZ4_decompress_safe(
                base.assumingMemoryBound(to: CChar.self), destination.assumingMemoryBound(to: CChar.self),
                Int32(source.count), Int32(capacity))
        }
        return writtenBytes >= 0 ? Int(writtenBytes) : nil
    }

    /// Appends the `uncompressedSize` bytes that the single block in `input` decodes to.
    static func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, codecName: String, into output: inout [UInt8]
    ) throws(CompressionError) {
        guard uncompressedSize <= Int(Int32.max) else {
            throw .limitExceeded(codec: codecName, bytes: uncompressedSize, limit: Int(Int32.max))
        }
        try output.appendBytes(byteCountMax: uncompressedSize) { (destination) throws(CompressionError) -> Int in
            guard let writtenBytes = decode(input, into: destination, capacity: uncompressedSize) else {
                throw .corrupt(
                    codec: codecName,
                    reason: "malformed or truncated LZ4 block, or it decodes to more than \(uncompressedSize) bytes")
            }
            guard writtenBytes == uncompressedSize else {
                throw .sizeMismatch(codec: codecName, expected: uncompressedSize, actual: writtenBytes)
            }
            return writtenBytes
        }
    }
}
