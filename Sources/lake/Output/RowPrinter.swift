import LakeColumnar

/// Writes batches as an aligned table, CSV or JSON lines.
///
/// Tables are buffered (column widths need every row, up to `TableStyle.rowsMax`); CSV and JSON lines stream batch
/// by batch. Values print as `ValueFormatter` writes them (ISO 8601 timestamps, decimals with their scale, binary as
/// hex). The header comes from the first schema seen: `start(_:)`, or the first batch.
///
/// Write failures are kept by the `TextOutput` and thrown by its `flush()` or `close()`.
///
/// Spec: spec/cli.md (output formats)
struct RowPrinter {
    let layout: RowLayout
    let output: TextOutput
    private var schema: Schema?
    private var table: TableRenderer?

    init(layout: RowLayout, output: TextOutput) {
        self.layout = layout
        self.output = output
    }

    /// A printer to standard output in `format`; tables show every row given.
    init(format: OutputFormat) {
        let layout: RowLayout =
            switch format {
            case .table: .table(TableStyle())
            case .csv: .csv
            case .jsonl: .jsonLines
            }
        self.init(layout: layout, output: .standardOutput())
    }

    /// Starts output for rows of `schema` (a CSV header is written now), unless a schema was already seen.
    mutating func start(_ schema: Schema) {
        guard self.schema == nil else { return }
        self.schema = schema
        switch layout {
        case .table(let style): table = TableRenderer(schema: schema, style: style)
        case .csv:
            if !schema.fields.isEmpty {
                output.writeLine(schema.fields.map { Self.csvField($0.name) }.joined(separator: ","))
            }
        case .jsonLines: break
        }
    }

    mutating func print(_ batch: Batch) {
        start(batch.schema)
        switch layout {
        case .table:
            table?.append(batch)
        case .csv:
            for row in 0..<batch.rowCount {
                let fields = batch.columns.map { column in
                    ValueFormatter.text(column, row: row).map { $0.isEmpty ? "\"\"" : Self.csvField($0) } ?? ""
                }
                output.writeLine(fields.joined(separator: ","))
            }
        case .jsonLines:
            // Keys come from the schema output started with, the statement's names.
            let keys = (schema ?? batch.schema).fields.map { JSONText.string($0.name) + ":" }
            for row in 0..<batch.rowCount {
                var line = "{"
                for (index, column) in batch.columns.enumerated() where index < keys.count {
                    if index > 0 { line += "," }
                    line += keys[index] + JSONText.encode(column.value(at: row), type: column.type)
                }
                output.writeLine(line + "}")
            }
        }
    }

    /// Prints what the table layout buffered and flushes the output (errors stay for its `flush()`).
    mutating func finish() {
        if let table {
            for line in table.render() { output.writeLine(line) }
            self.table = nil
        }
        try? output.flush()
    }

    /// `text` as an RFC 4180 field: quoted (quotes doubled) when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
