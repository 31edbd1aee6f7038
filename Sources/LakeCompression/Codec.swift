import CZstd

/// A compression algorithm and, for those that have one, its level.
///
/// The cases are the Parquet page codecs. The level only affects compression: any level decompresses data written
/// at any other level, so a reader can use `.gzip()` or `.zstd()` for every page of that codec.
///
/// Defaults follow pyarrow where that is a good trade: zstd level 1 (pyarrow's default). For gzip pyarrow uses
/// level 9; we use zlib's own default, 6, which is 2 to 3 times faster and rarely more than 1 % larger.
///
/// Spec: parquet-format Compression.md.
public enum Codec: Sendable, Hashable, CustomStringConvertible {
    /// Bytes stored as they are.
    case uncompressed
    /// Snappy raw format (a varint uncompressed length followed by Snappy elements), no framing.
    case snappy
    /// The gzip format (RFC 1952) written with zlib; reading also accepts the zlib format (RFC 1950) and
    /// concatenated gzip members.
    case gzip(level: Int = Codec.gzipLevelDefault)
    /// One or more Zstandard frames (RFC 8878).
    case zstd(level: Int = Codec.zstdLevelDefault)
    /// One LZ4 block with no framing: Parquet `LZ4_RAW`.
    case lz4Raw
    /// LZ4 blocks with Hadoop framing: the deprecated Parquet `LZ4` codec.
    ///
    /// Each block is a 4-byte big-endian uncompressed length followed by one or more chunks, each a 4-byte
    /// big-endian compressed length and an LZ4 block. Some writers (older Arrow, and pyarrow to this day, 26.0)
    /// store a plain LZ4 block under this codec instead, so reading falls back to `lz4Raw` when the framing does
    /// not parse.
    case lz4Hadoop
    /// Brotli: a valid Parquet codec that this implementation does not support.
    case brotli
    /// LZO: a valid Parquet codec that this implementation does not support.
    case lzo

    /// zlib's default level, used for `.gzip()`.
    public static let gzipLevelDefault = 6
    /// pyarrow's default zstd level, used for `.zstd()`.
    public static let zstdLevelDefault = 1

    /// A short lowercase name for messages: `"zstd"`, `"lz4_raw"`.
    public var name: String {
        switch self {
        case .uncompressed: "uncompressed"
        case .snappy: "snappy"
        case .gzip: "gzip"
        case .zstd: "zstd"
        case .lz4Raw: "lz4_raw"
        case .lz4Hadoop: "lz4_hadoop"
        case .brotli: "brotli"
        case .lzo: "lzo"
        }
    }

    /// The level this value compresses at, or nil for codecs without levels.
    public var level: Int? {
        switch self {
        case .gzip(let level), .zstd(let level): level
        case .uncompressed, .snappy, .lz4Raw, .lz4Hadoop, .brotli, .lzo: nil
        }
    }

    /// The levels the codec accepts, or nil for codecs without levels.
    ///
    /// gzip takes 1 (fastest) to 9 (smallest). zstd takes the library's range: negative levels trade ratio for
    /// speed, 0 means the library default (3), and the maximum is 22.
    public var levelRange: ClosedRange<Int>? {
        switch self {
        case .gzip: 1...9
        case .zstd: Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel())
        case .uncompressed, .snappy, .lz4Raw, .lz4Hadoop, .brotli, .lzo: nil
        }
    }

    /// Whether this implementation can compress and decompress with the codec.
    public var isSupported: Bool {
        switch self {
        case .uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .lz4Hadoop: true
        case .brotli, .lzo: false
        }
    }

    public var description: String {
        if let level { "\(name)(level: \(level))" } else { name }
    }
}
