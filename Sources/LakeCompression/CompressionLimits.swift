/// Limits that protect decompression from sizes read out of untrusted headers.
public enum CompressionLimits {
    /// The largest uncompressed size a `Decompressor` accepts by default (1 GiB).
    ///
    /// A Parquet page header declares its uncompressed size; without a bound, a 16-byte header could make the reader
    /// allocate gigabytes before the codec notices that the data is short.
    public static let uncompressedBytesMax = 1 << 30

    /// The largest uncompressed block written into one Hadoop-framed LZ4 block (128 KiB).
    ///
    /// Hadoop's `Lz4Codec` decompresses each block into a 256 KiB buffer by default, so larger blocks would be
    /// unreadable by Java readers. LZ4's window is 64 KiB, so splitting costs almost no compression.
    public static let lz4HadoopBlockBytesMax = 128 << 10
}
