/// The codec that compresses the pages of a column chunk.
///
/// A struct rather than a Swift enum so that values from newer writers survive decoding and re-encoding;
/// code that must understand a value checks `isKnown` (or matches the constants) and rejects the rest.
///
/// Spec: parquet.thrift `enum CompressionCodec`.
public struct CompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// `UNCOMPRESSED`
    public static let uncompressed = CompressionCodec(rawValue: 0)
    /// `SNAPPY`
    public static let snappy = CompressionCodec(rawValue: 1)
    /// `GZIP`
    public static let gzip = CompressionCodec(rawValue: 2)
    /// `LZO`
    public static let lzo = CompressionCodec(rawValue: 3)
    /// `BROTLI`
    public static let brotli = CompressionCodec(rawValue: 4)
    /// `LZ4`
    public static let lz4 = CompressionCodec(rawValue: 5)
    /// `ZSTD`
    public static let zstd = CompressionCodec(rawValue: 6)
    /// `LZ4_RAW`
    public static let lz4Raw = CompressionCodec(rawValue: 7)

    /// The values this implementation knows by name.
    public static let knownValues: [CompressionCodec] = [
        uncompressed, snappy, gzip, lzo, brotli, lz4, zstd, lz4Raw,
    ]

    /// Whether this value is one of `knownValues`.
    public var isKnown: Bool { CompressionCodec.knownValues.contains(self) }

    /// The parquet.thrift name, or the number for a value unknown to this implementation.
    public var description: String {
        switch rawValue {
        case 0: "UNCOMPRESSED"
        case 1: "SNAPPY"
        case 2: "GZIP"
        case 3: "LZO"
        case 4: "BROTLI"
        case 5: "LZ4"
        case 6: "ZSTD"
        case 7: "LZ4_RAW"
        default: "CompressionCodec(\(rawValue))"
        }
    }
}
