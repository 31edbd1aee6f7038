import CZlib

/// Compresses buffers with one codec, keeping the codec's working memory between calls.
///
/// zstd and gzip need a context of several hundred KiB that would otherwise be allocated and initialised for every
/// page; a compressor makes it once. A compressor is not thread-safe: it belongs to one writer at a time (a column
/// writer or a worker thread makes its own), which is why it is a class that is not `Sendable`.
public final class Compressor {
    /// The codec and level this compressor writes.
    public let codec: Codec
    private let engine: Engine

    private enum Engine {
        case uncompressed
        case snappy
        case gzip(UnsafeMutablePointer<z_stream>)
        case zstd(OpaquePointer)
        case lz4Raw
        case lz4Hadoop
    }

    /// Makes a compressor for `codec`, allocating its context.
    ///
    /// - Throws: `.unsupported` for Brotli and LZO; `.invalidLevel` when the level is outside `codec.levelRange`;
    ///   `.libraryFailure` when the library cannot allocate its context.
    public init(_ codec: Codec) throws(CompressionError) {
        if let level = codec.level, let validLevels = codec.levelRange, !validLevels.contains(level) {
            throw .invalidLevel(codec: codec.name, level: level, valid: validLevels)
        }
        self.codec = codec
        switch codec {
        case .uncompressed: engine = .uncompressed
        case .snappy: engine = .snappy
        case .gzip(let level): engine = .gzip(try Gzip.makeCompressionStream(level: level))
        case .zstd(let level): engine = .zstd(try Zstd.makeCompressionContext(level: level))
        case .lz4Raw: engine = .lz4Raw
        case .lz4Hadoop: engine = .lz4Hadoop
        case .brotli, .lzo: throw .unsupported("\(codec.name) compression")
        }
    }

    deinit {
        switch engine {
        case .gzip(let stream): Gzip.freeCompressionStream(stream)
        case .zstd(let context): Zstd.freeCompressionContext(context)
        case .uncompressed, .snappy, .lz4Raw, .lz4Hadoop: break
        }
    }

    /// Appends the compressed form of `input` to `output`.
    ///
    /// The bytes appended are a complete unit of the codec's format (a Snappy buffer, one gzip member, one zstd
    /// frame, one LZ4 block, or Hadoop blocks) that `Decompressor` or any other reader of the codec decodes given
    /// `input.count`. Empty input yields the codec's encoding of nothing, never zero bytes (except `.uncompressed`).
    /// On a throw, `output` is left as it was.
    ///
    /// - Throws: `.limitExceeded` when `input` is larger than the format allows (about 2 GiB for LZ4);
    ///   `.libraryFailure` if the library fails.
    /// - Complexity: O(input); reserves the codec's worst-case bound in `output` for the duration of the call.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(CompressionError) {
        switch engine {
        case .uncompressed: output.append(copying: input)
        case .snappy: try Snappy.compress(input, into: &output)
        case .gzip(let stream): try Gzip.compress(input, stream: stream, into: &output)
        case .zstd(let context): try Zstd.compress(input, context: context, into: &output)
        case .lz4Raw: try LZ4Block.compress(input, codecName: codec.name, into: &output)
        case .lz4Hadoop: try LZ4Hadoop.compress(input, into: &output)
        }
    }
}

@available(*, unavailable)
extension Compressor: Sendable {}
