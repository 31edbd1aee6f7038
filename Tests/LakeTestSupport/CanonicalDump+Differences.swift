extension CanonicalDump {
    /// How many mismatching rows of one column `differences(from:comparingNullability:)` describes.
    public static let rowDifferencesShownMax = 5

    /// Human-readable differences between `self` (the actual dump) and `expected`; empty when they agree.
    ///
    /// Compares the row count, the column names in order, each column's type and values, and (when
    /// `comparingNullability` is true) each column's `nullable` flag. `engine_type` is never compared: it records
    /// what DuckDB returned before `parquet_dump.py` cast the column back, not what the file holds. Pass
    /// `comparingNullability: false` for DuckDB dumps, which report every column as nullable.
    public func differences(from expected: CanonicalDump, comparingNullability: Bool = true) -> [String] {
        var found: [String] = []
        if numRows != expected.numRows { found.append("num_rows: \(numRows), expected \(expected.numRows)") }
        let names = columns.map(\.name)
        let expectedNames = expected.columns.map(\.name)
        if names != expectedNames { found.append("columns: \(names), expected \(expectedNames)") }
        for column in columns {
            guard let other = expected.column(column.name) else { continue }
            let label = "column '\(column.name)'"
            if column.type != other.type { found.append("\(label): type \(column.type), expected \(other.type)") }
            if comparingNullability && column.nullable != other.nullable {
                found.append("\(label): nullable \(column.nullable), expected \(other.nullable)")
            }
            if column.values.count != other.values.count {
                found.append("\(label): \(column.values.count) values, expected \(other.values.count)")
            }
            var shown = 0
            var mismatches = 0
            for (row, (actual, wanted)) in zip(column.values, other.values).enumerated() where actual != wanted {
                mismatches += 1
                guard shown < Self.rowDifferencesShownMax else { continue }
                shown += 1
                found.append("\(label) row \(row): \(Self.describe(actual)), expected \(Self.describe(wanted))")
            }
            if mismatches > shown { found.append("\(label): \(mismatches - shown) more rows differ") }
        }
        return found
    }

    private static func describe(_ value: String?) -> String {
        guard let value else { return "null" }
        let shown = value.count > 80 ? String(value.prefix(80)) + "…(\(value.count) characters)" : value
        return "\"\(shown)\""
    }
}
