import LakeCompression

/// Constants and small conversions of the Parquet file layout.
///
/// Spec: parquet-format README "File format": `PAR1`, row groups, footer, 4-byte footer length, `PAR1`.
enum ParquetFormat {
    static let magic: [UInt8] = Array("PAR1".utf8)
    /// Bytes after the footer: its 4-byte length and the magic.
    static let trailerBytes = 8

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    /// The footer's codec value for a codec this engine writes.
    static func thriftCodec(_ codec: Codec) -> CompressionCodec {
        switch codec {
        case .uncompressed: .uncompressed
        case .snappy: .snappy
        case .gzip: .gzip
        case .zstd: .zstd
        case .lz4Raw: .lz4Raw
        case .lz4Hadoop: .lz4
        case .brotli: .brotli
        case .lzo: .lzo
        }
    }
}
