import ArgumentParser

/// How `lake sql` and `lake shell` write query results.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people (`TableRenderer`).
    case table
    /// RFC 4180 CSV with a header row.
    case csv
    /// JSON lines: one object per row (`jsonl` is accepted as another name).
    case json
    /// A Parquet file at `--output`.
    case parquet

    init?(argument: String) {
        let lowered = argument.lowercased()
        if lowered == "jsonl" {
            self = .json
            return
        }
        self.init(rawValue: lowered)
    }

    /// The text layout of this format, nil for Parquet.
    func rowLayout(style: TableStyle) -> RowLayout? {
        switch self {
        case .table: .table(style)
        case .csv: .csv
        case .json: .jsonLines
        case .parquet: nil
        }
    }
}
