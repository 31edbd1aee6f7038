import LakeColumnar

/// Writes batches to standard output as an aligned table, CSV or JSON lines.
///
/// Tables are buffered (column widths need every row); CSV and JSON lines stream batch by batch.
struct RowPrinter {
    let format: OutputFormat
    private var header: [String] = []
    private var bufferedRows: [[String?]] = []
    private var wroteHeader = false

    init(format: OutputFormat) {
        self.format = format
    }

    mutating func print(_ batch: Batch) {
        if header.isEmpty { header = batch.schema.fields.map(\.name) }
        for row in 0..<batch.rowCount {
            let cells = batch.columns.map { ValueFormatter.text($0, row: row) }
            switch format {
            case .table: bufferedRows.append(cells)
            case .csv:
                if !wroteHeader {
                    Swift.print(header.map(Self.csvField).joined(separator: ","))
                    wroteHeader = true
                }
                Swift.print(cells.map { $0.map(Self.csvField) ?? "" }.joined(separator: ","))
            case .jsonl:
                Swift.print(jsonObject(batch, row: row, cells: cells))
            }
        }
    }

    /// Prints what the table format buffered.
    func finish() {
        guard format == .table, !header.isEmpty else {
            if format == .csv && !wroteHeader && !header.isEmpty { Swift.print(header.map(Self.csvField).joined(separator: ",")) }
            return
        }
        let rendered = bufferedRows.map { $0.map { $0 ?? "NULL" } }
        var widths = header.map(\.count)
        for row in rendered {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: " | ")
        }
        Swift.print(line(header))
        Swift.print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-"))
        for row in rendered { Swift.print(line(row)) }
        Swift.print("(\(rendered.count) row\(rendered.count == 1 ? "" : "s"))")
    }

    private func jsonObject(_ batch: Batch, row: Int, cells: [String?]) -> String {
        var parts: [String] = []
        for (index, field) in batch.schema.fields.enumerated() {
            let value: String
            if let cell = cells[index] {
                switch field.type {
                case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
                    value = cell
                case .float32, .float64:
                    value = Double(cell).map { $0.isFinite } == true ? cell : Self.jsonString(cell)
                default:
                    value = Self.jsonString(cell)
                }
            } else {
                value = "null"
            }
            parts.append(Self.jsonString(field.name) + ":" + value)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
