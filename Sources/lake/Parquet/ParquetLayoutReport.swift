import LakeColumnar
import LakeParquet

/// The text `lake parquet inspect` prints: file summary, schema, then each row group's column chunks.
struct ParquetLayoutReport {
    let reader: ParquetFileReader

    func render(pages: Bool) throws -> String {
        let meta = reader.metadata
        var out: [String] = []
        out.append("file:        \(reader.path) (\(Self.bytes(reader.fileBytes)))")
        out.append("created by:  \(meta.createdBy ?? "unknown")")
        out.append("rows:        \(meta.numRows) in \(meta.rowGroups.count) row group(s)")
        if reader.parquetSchema.fields.contains(where: { !$0.isFlat }) {
            // Nested columns span several leaves: show each top-level column's type before the leaf table.
            out.append("")
            out.append("columns:")
            var columnRows: [[String]] = [["column", "type", "nullable", "leaves"]]
            for field in reader.parquetSchema.fields {
                columnRows.append([
                    field.name, field.field?.type.description ?? "unsupported: \(field.unsupportedReason ?? "")",
                    field.element.repetitionType == .required ? "no" : "yes", "\(field.leaves.count)",
                ])
            }
            out.append(contentsOf: Self.align(columnRows).map { "  " + $0 })
        }
        out.append("")
        out.append("schema:")
        var schemaRows: [[String]] = [["column", "type", "nullable", "physical", "logical"]]
        for column in reader.parquetSchema.columns {
            let element = column.element
            var physical = "\(column.physicalType)"
            if let width = element.typeLength, column.physicalType == .fixedLenByteArray { physical += "(\(width))" }
            let logical = element.logicalType.map(Self.logicalText) ?? element.convertedType.map { "\($0)" } ?? "-"
            let nullable = element.repetitionType == .required ? "no" : element.repetitionType == .repeated ? "repeated" : "yes"
            schemaRows.append([
                column.name, column.dataType?.description ?? "unsupported: \(column.unsupportedReason ?? "")",
                nullable, physical, logical,
            ])
        }
        out.append(contentsOf: Self.align(schemaRows).map { "  " + $0 })
        for (index, group) in meta.rowGroups.enumerated() {
            out.append("")
            out.append(
                "row group \(index): \(group.numRows) rows, \(Self.bytes(group.totalCompressedSize ?? 0)) compressed, "
                    + "\(Self.bytes(group.totalByteSize)) uncompressed")
            var rows: [[String]] = [
                ["column", "codec", "encodings", "compressed", "uncompressed", "values", "nulls", "min", "max"]
            ]
            for (columnIndex, chunk) in group.columns.enumerated() {
                guard let chunkMeta = chunk.metaData else { continue }
                let column = reader.parquetSchema.columns[columnIndex]
                let (minimum, maximum) = reader.statisticsText(rowGroup: index, column: columnIndex)
                rows.append([
                    column.name, "\(chunkMeta.codec)", chunkMeta.encodings.map { "\($0)" }.joined(separator: ","),
                    Self.bytes(chunkMeta.totalCompressedSize), Self.bytes(chunkMeta.totalUncompressedSize),
                    "\(chunkMeta.numValues)", chunkMeta.statistics?.nullCount.map { "\($0)" } ?? "-",
                    minimum ?? "-", maximum ?? "-",
                ])
            }
            out.append(contentsOf: Self.align(rows).map { "  " + $0 })
            if pages {
                for columnIndex in group.columns.indices {
                    let (_, offsetIndex) = try reader.pageIndex(rowGroup: index, column: columnIndex)
                    let name = reader.parquetSchema.columns[columnIndex].name
                    guard let offsetIndex else {
                        out.append("  \(name): no offset index")
                        continue
                    }
                    out.append("  \(name): \(offsetIndex.pageLocations.count) data page(s)")
                    for location in offsetIndex.pageLocations {
                        out.append(
                            "    offset \(location.offset), \(location.compressedPageSize) bytes, "
                                + "first row \(location.firstRowIndex)")
                    }
                }
            }
        }
        if let pairs = meta.keyValueMetadata, !pairs.isEmpty {
            out.append("")
            out.append("key-value metadata:")
            for pair in pairs {
                let value = pair.value ?? ""
                let shown = value.count > 80 ? String(value.prefix(77)) + "..." : value
                out.append("  \(pair.key) = \(shown)")
            }
        }
        return out.joined(separator: "\n")
    }

    /// A logical type as parquet-format names it: `TIMESTAMP(MICROS,true)`, `DECIMAL(10,2)`, `STRING`.
    static func logicalText(_ logical: LogicalType) -> String {
        func unit(_ unit: ParquetTimeUnit) -> String {
            switch unit {
            case .milliseconds: "MILLIS"
            case .microseconds: "MICROS"
            case .nanoseconds: "NANOS"
            case .unrecognized(let id): "UNIT(\(id))"
            }
        }
        switch logical {
        case .string: return "STRING"
        case .decimal(let scale, let precision): return "DECIMAL(\(precision),\(scale))"
        case .date: return "DATE"
        case .time(let utc, let u): return "TIME(\(unit(u)),\(utc))"
        case .timestamp(let utc, let u): return "TIMESTAMP(\(unit(u)),\(utc))"
        case .integer(let width, let signed): return "INTEGER(\(width),\(signed))"
        default: return "\(logical)".uppercased()
        }
    }

    static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(Int((value * 10).rounded()) / 10) + "." + String(Int((value * 10).rounded()) % 10) + " " + units[unit]
    }

    static func align(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        var widths = first.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
        }
    }
}
