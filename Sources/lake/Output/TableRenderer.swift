import LakeColumnar

/// Collects rows for the aligned-table layout and renders them once every width is known.
///
/// ```
/// id | symbol |   price
/// ---+--------+--------
///  1 | BTC    | 97000.5
///  3 | NULL   |     0.5
/// (2 rows)
/// ```
///
/// Numbers (integer, float and decimal columns) are right-aligned, everything else left-aligned; null shows as
/// `NULL`; line breaks and tabs inside a cell show as `\n`, `\r`, `\t` so every row stays on one line; a cell
/// longer than `style.cellCharactersMax` characters is cut to that many, the last being `…`. Only the first
/// `style.rowsMax` rows are kept; the footer says how many were left out. Trailing spaces are trimmed.
///
/// - Complexity: memory for at most `style.rowsMax` rows of text.
struct TableRenderer {
    let style: TableStyle
    private let header: [String]
    private let rightAligned: [Bool]
    private var rows: [[String]] = []
    /// Every row seen, kept or not.
    private(set) var rowCount = 0

    init(schema: Schema, style: TableStyle) {
        self.style = style
        rightAligned = schema.fields.map { Self.isNumeric($0.type) }
        header = schema.fields.map { Self.cell($0.name, limit: style.cellCharactersMax) }
    }

    /// Adds the rows of `batch`, keeping those within `style.rowsMax`.
    mutating func append(_ batch: Batch) {
        let kept = max(0, min(batch.rowCount, style.rowsMax - rows.count))
        // Every row gets exactly one cell per header column, whatever the batch holds.
        let columns = batch.columns.prefix(header.count)
        let missing = [String](repeating: "", count: header.count - columns.count)
        for row in 0..<kept {
            rows.append(
                columns.map { column in
                    ValueFormatter.text(column, row: row).map { Self.cell($0, limit: style.cellCharactersMax) }
                        ?? "NULL"
                } + missing)
        }
        rowCount += batch.rowCount
    }

    /// The lines of the table, footer included; no lines for a result without columns.
    func render() -> [String] {
        guard !header.isEmpty else { return [] }
        var widths = header.map(\.count)
        for row in rows {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, text) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - text.count)
                parts.append(rightAligned[index] ? padding + text : text + padding)
            }
            return Self.trimmingTrailingSpaces(parts.joined(separator: " | "))
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")]
        lines.reserveCapacity(rows.count + 3)
        for row in rows { lines.append(line(row)) }
        lines.append(footer)
        return lines
    }

    /// `(3 rows)`, `(1 row)`, or with rows left out `(2500 rows, 1500 not shown; raise --max-rows)`.
    var footer: String {
        let total = "\(rowCount) row\(rowCount == 1 ? "" : "s")"
        let hidden = rowCount - rows.count
        return hidden == 0 ? "(\(total))" : "(\(total), \(hidden) not shown; raise --max-rows)"
    }

    /// `text` on one line and cut to `limit` characters.
    private static func cell(_ text: String, limit: Int?) -> String {
        var single = ""
        for character in text {
            switch character {
            case "\n": single += "\\n"
            case "\r": single += "\\r"
            case "\r\n": single += "\\r\\n"
            case "\t": single += "\\t"
            default: single.append(character)
            }
        }
        guard let limit, single.count > limit else { return single }
        return String(single.prefix(limit - 1)) + "…"
    }

    private static func isNumeric(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .decimal: true
        default: false
        }
    }

    private static func trimmingTrailingSpaces(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }
}
