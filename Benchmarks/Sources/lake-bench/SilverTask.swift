/// What `lake-bench silver` measures: lake's runs (`lake-bench silver-worker TASK`) and the peer runs of
/// run_peers.py they are compared with.
enum SilverTask: String, CaseIterable {
    /// The silver transform as one SQL query through `LakeSession`, result written to Parquet (zstd).
    case transformSQL = "silver_sql"
    /// The same transform built with the DataFrame API, result written to Parquet (zstd).
    case transformDataFrame = "silver_dataframe"
    /// `SELECT crypto_id, price_usd ... WHERE crypto_id < 100` through `LakeSession`, batches kept in memory.
    case projectedRead = "read_projected"

    /// The operation in one line, for the report.
    var summary: String {
        switch self {
        case .transformSQL: "silver transform as SQL through LakeSession -> Parquet zstd"
        case .transformDataFrame: "silver transform with the DataFrame API -> Parquet zstd"
        case .projectedRead: "SELECT crypto_id, price_usd WHERE crypto_id < 100 through LakeSession"
        }
    }

    var isTransform: Bool { self != .projectedRead }

    /// The run_peers.py benchmark ids (`--worker ID`) this task is compared with: DuckDB first, then Polars.
    var peerIDs: [String] {
        switch self {
        case .transformSQL, .transformDataFrame: ["silver_transform/duckdb", "silver_transform/polars"]
        case .projectedRead: ["parquet_read/duckdb_proj_filter", "parquet_read/polars_proj_filter"]
        }
    }

    /// The file a transform run writes in the output folder.
    var outputName: String { "lake_\(rawValue).parquet" }
}
