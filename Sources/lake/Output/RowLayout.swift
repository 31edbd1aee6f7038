/// How `RowPrinter` lays rows out.
enum RowLayout {
    /// Aligned columns with a header, a separator and a row-count footer, for people.
    case table(TableStyle)
    /// RFC 4180 CSV with a header row; null is an empty field, the empty string `""`.
    case csv
    /// One JSON object per row, keys the column names (`JSONText` gives the values).
    case jsonLines
}
