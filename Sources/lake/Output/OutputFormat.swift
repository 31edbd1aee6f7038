import ArgumentParser

/// How `lake` prints rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns with a header, for people.
    case table
    /// RFC 4180 CSV with a header; nulls are empty fields.
    case csv
    /// One JSON object per row.
    case jsonl
}
