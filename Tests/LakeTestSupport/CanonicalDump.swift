import Foundation

/// The canonical dump printed by `Tests/interop/parquet_dump.py` and stored as `<name>.expected.json`.
///
/// Every value is a string or nil: integers in decimal, bools as `"true"`/`"false"`, floats as the lowercase hex
/// of their IEEE bit pattern (8 or 16 digits), decimals as the unscaled integer, utf8 as itself, binary as
/// lowercase hex, dates as days and times/timestamps as counts of their unit. Types are strings such as
/// `"int32"`, `"decimal(5,2)"`, `"fixed_size_binary(16)"`, `"time(ms)"`, `"timestamp(us,UTC)"`.
///
/// `init(batches:schema:)` (in `CanonicalDump+Batches.swift`) renders this engine's batches in the same format, and
/// `differences(from:comparingNullability:)` compares two dumps, so tests compare readers value by value.
///
/// Spec: the docstring of `Tests/interop/parquet_dump.py`.
public struct CanonicalDump: Codable, Sendable, Equatable {
    public struct Column: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var nullable: Bool
        /// DuckDB's own type when parquet_dump.py cast the column back to the file's type; nil otherwise.
        public var engineType: String?
        public var values: [String?]

        public init(name: String, type: String, nullable: Bool, engineType: String? = nil, values: [String?]) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.engineType = engineType
            self.values = values
        }

        enum CodingKeys: String, CodingKey {
            case name, type, nullable, values
            case engineType = "engine_type"
        }

        /// Encodes a nil value as JSON `null` (the synthesized encoder would drop the key or the element).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(type, forKey: .type)
            try container.encode(nullable, forKey: .nullable)
            try container.encodeIfPresent(engineType, forKey: .engineType)
            try container.encode(values, forKey: .values)
        }
    }

    public var numRows: Int
    public var columns: [Column]

    public init(numRows: Int, columns: [Column]) {
        self.numRows = numRows
        self.columns = columns
    }

    /// The column named `name`, if present.
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// The dump restricted to the named columns, in that order (names that are absent are skipped).
    public func projecting(_ names: [String]) -> CanonicalDump {
        CanonicalDump(numRows: numRows, columns: names.compactMap { column($0) })
    }

    /// The dump restricted to the rows at `rows`, in that order.
    public func selectingRows(_ rows: [Int]) -> CanonicalDump {
        CanonicalDump(
            numRows: rows.count,
            columns: columns.map { column in
                var copy = column
                copy.values = rows.map { column.values[$0] }
                return copy
            }
        )
    }

    enum CodingKeys: String, CodingKey {
        case columns
        case numRows = "num_rows"
    }
}
