import LakeCompression

/// How a Parquet file is written. The defaults match what pyarrow writes by default, except where noted.
///
/// Spec: spec/parquet.md#writer-options
public struct ParquetWriteOptions: Sendable {
    /// Value encodings a column may be written with. Definition levels always use the RLE hybrid.
    public enum ValueEncoding: String, Sendable, CaseIterable {
        /// RLE_DICTIONARY with a dictionary page, falling back to `fallback` (PLAIN unless given) for the rest
        /// of the column chunk once the dictionary exceeds `dictionaryPageBytesMax`.
        case dictionary
        case plain
        /// Integers, dates, times, timestamps and narrow decimals.
        case deltaBinaryPacked = "delta_binary_packed"
        /// Strings and binary.
        case deltaLengthByteArray = "delta_length_byte_array"
        /// Strings and binary (prefix compression).
        case deltaByteArray = "delta_byte_array"
        /// Floats and doubles (and other fixed-width values).
        case byteStreamSplit = "byte_stream_split"
    }

    /// Data page header format: v1 (levels compressed with the values) or v2 (levels stored uncompressed).
    public enum DataPageVersion: Int, Sendable {
        case v1 = 1
        case v2 = 2
    }

    /// Per-column choices; nil fields inherit the file-wide setting.
    public struct ColumnOptions: Sendable {
        public var encoding: ValueEncoding?
        public var compression: Codec?
        public var statistics: Bool?
        /// When set, each chunk of the column gets a split-block bloom filter sized for this many distinct values
        /// (16 bits per value rounded up to a power of two of 32-byte blocks: about 0.1 % false positives at that
        /// count). Boolean columns get none.
        public var bloomFilterDistinctValues: Int?

        public init(
            encoding: ValueEncoding? = nil, compression: Codec? = nil, statistics: Bool? = nil,
            bloomFilterDistinctValues: Int? = nil
        ) {
            self.encoding = encoding
            self.compression = compression
            self.statistics = statistics
            self.bloomFilterDistinctValues = bloomFilterDistinctValues
        }
    }

    public var compression: Codec = .snappy
    /// Encoding for columns without an override.
    public var encoding: ValueEncoding = .dictionary
    public var dataPageVersion: DataPageVersion = .v1
    /// Rows per row group; a row group is flushed to storage when it reaches this count.
    public var rowGroupRowsMax = 1_048_576
    /// Uncompressed bytes of values per data page before a new page starts.
    public var dataPageBytesMax = 1 << 20
    /// Rows per data page at most (keeps page-index granularity useful for small values).
    public var dataPageRowsMax = 20_000
    /// PLAIN-encoded size a dictionary may reach before the column chunk falls back to PLAIN.
    public var dictionaryPageBytesMax = 1 << 20
    /// Whether to write min/max/null-count statistics in column chunks and data page headers.
    public var statistics = true
    /// Whether to write the column index and offset index after the row groups.
    public var writePageIndex = true
    /// Whether every page header carries the CRC-32 of its page bytes as stored (readers such as this one and
    /// pyarrow with `page_checksum_verification` check it).
    public var writePageChecksums = false
    /// Overrides by column name: a top-level name applies to all leaves of a nested column, a leaf's dotted path
    /// (`a.b.list.element`, as `ParquetColumn.name` spells it) to that leaf only and takes precedence.
    public var columns: [String: ColumnOptions] = [:]
    /// Key-value metadata stored in the footer.
    public var keyValueMetadata: [String: String] = [:]
    /// The footer's `created_by`.
    public var createdBy = "lake version 0.1.0"

    public init() {}

    func encoding(for column: String) -> ValueEncoding { columns[column]?.encoding ?? encoding }
    func compression(for column: String) -> Codec { columns[column]?.compression ?? compression }
    func statistics(for column: String) -> Bool { columns[column]?.statistics ?? statistics }

    // Leaf lookups: the leaf's own override first (dotted path), then its top-level column's, then the default.

    func encoding(for path: [String]) -> ValueEncoding {
        if path.count > 1, let own = columns[path.joined(separator: ".")]?.encoding { return own }
        return path.first.flatMap { columns[$0]?.encoding } ?? encoding
    }

    func compression(for path: [String]) -> Codec {
        if path.count > 1, let own = columns[path.joined(separator: ".")]?.compression { return own }
        return path.first.flatMap { columns[$0]?.compression } ?? compression
    }

    func bloomFilterDistinctValues(for path: [String]) -> Int? {
        if path.count > 1, let own = columns[path.joined(separator: ".")]?.bloomFilterDistinctValues { return own }
        return path.first.flatMap { columns[$0]?.bloomFilterDistinctValues }
    }

    func statistics(for path: [String]) -> Bool {
        if path.count > 1, let own = columns[path.joined(separator: ".")]?.statistics { return own }
        return path.first.flatMap { columns[$0]?.statistics } ?? statistics
    }
}
