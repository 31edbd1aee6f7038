import CZlib

/// Decompresses buffers of one codec whose uncompressed size is known in advance, keeping the codec's working
/// memory between calls.
///
/// The expected size comes from an untrusted page header, so it is checked against `uncompressedBytesMax` before
/// any allocation, and the result must have exactly that size. Corrupt or truncated input throws; it never traps
/// and never makes the decoder read or write outside the buffers it is given.
///
/// Not thread-safe: a decompressor belongs to one reader at a time (a column reader or a worker thread makes its
/// own), which is why it is a class that is not `Sendable`.
public final class Decompressor {
    /// The codec this decompressor reads; its level, if any, is irrelevant.
    public let codec: Codec
    /// The largest uncompressed size `decompress` accepts.
    public let uncompressedBytesMax: Int
    private let engine: Engine

    private enum Engine {
        case uncompressed
        case snappy
        case gzip(UnsafeMutablePointer<z_stream>)
        case zstd(OpaquePointer)
        case lz4Raw
        case lz4Hadoop
    }

    /// Makes a decompressor for `codec`, allocating its context.
    ///
    /// - Parameter uncompressedBytesMax: the largest uncompressed size to accept; must not be negative. This is the
    ///   only bound on what an untrusted size makes `decompress` allocate, so keep it well below available memory.
    /// - Throws: `.unsupported` for Brotli and LZO; `.libraryFailure` when the library cannot allocate its context.
    public init(
        _ codec: Codec, uncompressedBytesMax: Int = CompressionLimits.uncompressedBytesMax
    ) throws(CompressionError) {
        precondition(uncompressedBytesMax >= 0, "uncompressedBytesMax must not be negative")
        self.codec = codec
        self.uncompressedBytesMax = uncompressedBytesMax
        switch codec {
        case .uncompressed: engine = .uncompressed
        case .snappy: engine = .snappy
        case .gzip: engine = .gzip(try Gzip.makeDecompressionStream())
        case .zstd: engine = .zstd(try Zstd.makeDecompressionContext())
        case .lz4Raw: engine = .lz4Raw
        case .lz4Hadoop: engine = .lz4Hadoop
        case .brotli, .lzo: throw .unsupported("\(codec.name) decompression")
        }
    }

    deinit {
        switch engine {
        case .gzip(let stream): Gzip.freeDecompressionStream(stream)
        case .zstd(let context): Zstd.freeDecompressionContext(context)
        case .uncompressed, .snappy, .lz4Raw, .lz4Hadoop: break
        }
    }

    /// Appends exactly `uncompressedSize` bytes decoded from `input` to `output`, or throws.
    ///
    /// Empty input with `uncompressedSize` 0 succeeds for every codec (a page with no bytes holds nothing). On a
    /// throw, `output` is left as it was.
    ///
    /// - Parameter uncompressedSize: the size the caller expects, typically from a page header.
    /// - Throws: `.corrupt` when `uncompressedSize` is negative or the data is malformed or truncated;
    ///   `.sizeMismatch` when the data decodes to another size; `.limitExceeded` when `uncompressedSize` is over
    ///   `uncompressedBytesMax`; `.libraryFailure` if the library fails for another reason.
    /// - Complexity: O(input + uncompressedSize).
    public func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        guard uncompressedSize >= 0 else {
            throw .corrupt(codec: codec.name, reason: "negative uncompressed size \(uncompressedSize)")
        }
        guard uncompressedSize <= uncompressedBytesMax else {
            throw .limitExceeded(codec: codec.name, bytes: uncompressedSize, limit: uncompressedBytesMax)
        }
        if input.isEmpty && uncompressedSize == 0 {
            return
        }
        let originalCount = output.count
        switch engine {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw .sizeMismatch(codec: codec.name, expected: uncompressedSize, actual: input.count)
            }
            output.append(copying: input)
        case .snappy:
            try Snappy.decompress(input, uncompressedSize: uncompressedSize, into: &output)
        case .gzip(let stream):
            try Gzip.decompress(input, uncompressedSize: uncompressedSize, stream: stream, into: &output)
        case .zstd(let context):
            try Zstd.decompress(input, uncompressedSize: uncompressedSize, context: context, into: &output)
        case .lz4Raw:
            try LZ4Block.decompress(input, uncompressedSize: uncompressedSize, codecName: codec.name, into: &output)
        case .lz4Hadoop:
            try LZ4Hadoop.decompress(input, uncompressedSize: uncompressedSize, into: &output)
        }
        assert(output.count == originalCount + uncompressedSize, "codec appended the wrong number of bytes")
    }
}

@available(*, unavailable)
extension Decompressor: Sendable {}
