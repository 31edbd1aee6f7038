/// Every failure of `LakeCompression`. Each case names the codec it concerns.
///
/// Decompression errors mean the input is bad (corrupt, truncated, or inconsistent with the size its page header
/// declares); callers map them to their own "decompression failed" error and add the file and offset.
public enum CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The compressed bytes are malformed or truncated; `reason` is the library's or the framing's diagnosis.
    case corrupt(codec: String, reason: String)
    /// The data decodes to a different number of bytes than the caller expected.
    ///
    /// `actual` is nil when the data holds more than `expected` bytes: decoders stop at the expected size, so the
    /// true size is unknown.
    case sizeMismatch(codec: String, expected: Int, actual: Int?)
    /// The codec is valid in the format but not implemented here (Brotli, LZO).
    case unsupported(String)
    /// A size is over a limit: an uncompressed size over the decompressor's `uncompressedBytesMax`, or an input
    /// larger than the codec's format can hold.
    case limitExceeded(codec: String, bytes: Int, limit: Int)
    /// The compression level is outside the range the codec accepts.
    case invalidLevel(codec: String, level: Int, valid: ClosedRange<Int>)
    /// The C library failed for a reason unrelated to the data, such as running out of memory.
    case libraryFailure(codec: String, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let codec, let reason):
            "\(codec): corrupt compressed data: \(reason)"
        case .sizeMismatch(let codec, let expected, let actual?):
            "\(codec): data decompresses to \(actual) bytes, expected \(expected)"
        case .sizeMismatch(let codec, let expected, nil):
            "\(codec): data decompresses to more than the expected \(expected) bytes"
        case .unsupported(let what):
            "unsupported compression: \(what)"
        case .limitExceeded(let codec, let bytes, let limit):
            "\(codec): \(bytes) bytes is over the limit of \(limit) bytes"
        case .invalidLevel(let codec, let level, let valid):
            "\(codec): compression level \(level) is outside \(valid.lowerBound)...\(valid.upperBound)"
        case .libraryFailure(let codec, let reason):
            "\(codec): library failure: \(reason)"
        }
    }
}
