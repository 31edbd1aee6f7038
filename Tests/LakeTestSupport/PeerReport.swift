import Foundation

/// What the peer engines saw in one Parquet file: one line of `Tests/interop/parquet_report.py` output.
///
/// Spec: the docstrings of `Tests/interop/parquet_report.py` and `Tests/interop/parquet_stats.py`.
public struct PeerReport: Decodable, Sendable {
    /// One engine's reading of the file: its canonical dump, or the error it raised.
    public enum Outcome: Decodable, Sendable, Equatable {
        case dump(CanonicalDump)
        case failed(String)

        private struct Failure: Decodable { var error: String }

        public init(from decoder: any Decoder) throws {
            if let failure = try? Failure(from: decoder) {
                self = .failed(failure.error)
            } else {
                self = .dump(try CanonicalDump(from: decoder))
            }
        }

        /// The dump, or a `Failure` naming the engine's error.
        public func dump(engine: String, file: String) throws -> CanonicalDump {
            switch self {
            case .dump(let dump): return dump
            case .failed(let error): throw PeerFailure(engine: engine, file: file, error: error)
            }
        }
    }

    /// An engine could not read a file that a test expected it to read.
    public struct PeerFailure: Error, CustomStringConvertible {
        public var engine: String
        public var file: String
        public var error: String
        public var description: String { "\(engine) cannot read \(file): \(error)" }
    }

    /// Column chunk statistics as pyarrow reads them (`parquet_stats.py`).
    public struct Statistics: Decodable, Sendable, Equatable {
        public struct Chunk: Decodable, Sendable, Equatable {
            public var name: String
            public var physicalType: String
            public var hasStatistics: Bool
            /// pyarrow reports min and max only when both are present.
            public var hasMinMax: Bool
            /// Canonical strings; byte strings (utf8 included) as lowercase hex.
            public var min: String?
            public var max: String?
            public var nullCount: Int?
            public var hasColumnIndex: Bool
            public var hasOffsetIndex: Bool
            /// The codec name as pyarrow spells it: `UNCOMPRESSED`, `SNAPPY`, `GZIP`, `ZSTD`, `LZ4` (for LZ4_RAW)...
            public var compression: String
            /// The chunk's encodings, sorted: `PLAIN`, `RLE`, `RLE_DICTIONARY`, `DELTA_BINARY_PACKED`...
            public var encodings: [String]

            enum CodingKeys: String, CodingKey {
                case name, min, max, compression, encodings
                case physicalType = "physical_type"
                case hasStatistics = "has_statistics"
                case hasMinMax = "has_min_max"
                case nullCount = "null_count"
                case hasColumnIndex = "has_column_index"
                case hasOffsetIndex = "has_offset_index"
            }
        }

        public struct RowGroup: Decodable, Sendable, Equatable {
            public var numRows: Int
            public var columns: [Chunk]

            enum CodingKeys: String, CodingKey {
                case columns
                case numRows = "num_rows"
            }
        }

        public var createdBy: String?
        public var keyValueMetadata: [String: String]
        public var rowGroups: [RowGroup]

        enum CodingKeys: String, CodingKey {
            case createdBy = "created_by"
            case keyValueMetadata = "key_value_metadata"
            case rowGroups = "row_groups"
        }
    }

    /// A statistics report, or the error pyarrow raised while reading the metadata.
    public enum StatisticsOutcome: Decodable, Sendable, Equatable {
        case statistics(Statistics)
        case failed(String)

        private struct Failure: Decodable { var error: String }

        public init(from decoder: any Decoder) throws {
            if let failure = try? Failure(from: decoder) {
                self = .failed(failure.error)
            } else {
                self = .statistics(try Statistics(from: decoder))
            }
        }
    }

    public var path: String
    public var pyarrow: Outcome?
    public var duckdb: Outcome?
    public var stats: StatisticsOutcome?
}
