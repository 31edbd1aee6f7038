import LakeCompression

/// One measured Parquet operation; `lake-bench` times ours and pyarrow's version of each.
enum BenchTask: String, CaseIterable, Codable {
    case writeZstd = "write_zstd"
    case writeSnappy = "write_snappy"
    case readFull = "read_full"
    case readFilter = "read_filter"

    /// The operation in one line, for the report.
    var summary: String {
        switch self {
        case .writeZstd: "write all rows, zstd level 1, dictionary on, 1M-row row groups (input in memory)"
        case .writeSnappy: "write all rows, snappy, dictionary on, 1M-row row groups (input in memory)"
        case .readFull: "read all 19 columns of every row group into columnar memory"
        case .readFilter: "read crypto_id and price_usd, keep rows with crypto_id < 100"
        }
    }

    var isWrite: Bool { self == .writeZstd || self == .writeSnappy }

    /// The codec a write task uses: pyarrow's zstd default level is 1.
    var codec: Codec? {
        switch self {
        case .writeZstd: .zstd(level: 1)
        case .writeSnappy: .snappy
        case .readFull, .readFilter: nil
        }
    }
}

/// Who performed a run.
enum BenchTool: String, Codable {
    case lake
    case pyarrow
}
