import LakeCore
import LakeTable

/// Text renderings of table operations for the `lake` table commands: aligned columns, sizes and instants.
enum TableReport {
    /// The store and table root for a table directory given on the command line.
    static func open(_ directory: String) -> Table {
        Table(store: LocalObjectStore(root: directory), root: "")
    }

    /// `millis` as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC).
    static func instant(_ millis: Int64) -> String {
        let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
        let dayMillis = millis - days * 86_400_000
        // Civil-from-days (proleptic Gregorian), shifted so that years start on March 1.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(dayMillis / 3_600_000, 2)):"
            + "\(pad(dayMillis / 60_000 % 60, 2)):\(pad(dayMillis / 1_000 % 60, 2)).\(pad(dayMillis % 1_000, 3))Z"
    }

    /// A JSON object as compact text with sorted keys, or `{}`.
    static func json(_ object: JSONObject) -> String {
        (try? JSONWriter.serializedString(.object(object))) ?? "{}"
    }

    static func history(_ entries: [CommitHistoryEntry]) -> String {
        var rows: [[String]] = [["version", "timestamp", "operation", "parameters", "metrics", "engine"]]
        for entry in entries {
            rows.append([
                String(entry.version), instant(entry.timestampMillis), entry.operation ?? "-",
                json(entry.operationParameters), json(entry.operationMetrics), entry.engineInfo ?? "-",
            ])
        }
        return ParquetLayoutReport.align(rows).map(trimmed).joined(separator: "\n")
    }

    static func describe(_ description: TableDescription) -> String {
        var out: [String] = []
        let features =
            (description.protocolAction.readerFeatures ?? []) + (description.protocolAction.writerFeatures ?? [])
        out.append("version:     \(description.version)")
        out.append("id:          \(description.id)")
        if let name = description.name { out.append("name:        \(name)") }
        if let text = description.description { out.append("description: \(text)") }
        if let created = description.createdTimeMillis { out.append("created:     \(instant(created))") }
        out.append(
            "protocol:    reader \(description.protocolAction.minReaderVersion), writer "
                + "\(description.protocolAction.minWriterVersion)"
                + (features.isEmpty ? "" : " (features: \(Set(features).sorted().joined(separator: ", ")))"))
        let partitions = description.partitionColumns.joined(separator: ", ")
        out.append("partitions:  \(partitions.isEmpty ? "none" : partitions)")
        out.append("files:       \(description.fileCount)")
        out.append(
            "size:        \(ParquetLayoutReport.bytes(description.totalBytes)) (\(description.totalBytes) bytes)")
        out.append("rows:        \(description.rowCount.map(String.init) ?? "unknown (files without statistics)")")
        out.append("")
        out.append("schema:")
        var schemaRows: [[String]] = [["column", "type", "nullable"]]
        for field in description.schema.fields {
            schemaRows.append([field.name, "\(field.type)", field.nullable ? "yes" : "no"])
        }
        out += ParquetLayoutReport.align(schemaRows).map { "  " + trimmed($0) }
        if !description.properties.isEmpty {
            out.append("")
            out.append("properties:")
            var propertyRows: [[String]] = [["key", "value"]]
            for key in description.properties.keys.sorted() {
                propertyRows.append([key, description.properties[key] ?? ""])
            }
            out += ParquetLayoutReport.align(propertyRows).map { "  " + trimmed($0) }
        }
        return out.joined(separator: "\n")
    }

    static func vacuum(_ report: VacuumReport) -> String {
        var out: [String] = []
        if !report.files.isEmpty {
            var rows: [[String]] = [["path", "bytes"]]
            for file in report.files { rows.append([file.path, String(file.sizeBytes)]) }
            out += ParquetLayoutReport.align(rows).map(trimmed)
        }
        let verb = report.isDryRun ? "would delete" : "deleted"
        out.append(
            "\(verb) \(report.files.count) file\(report.files.count == 1 ? "" : "s"), "
                + "\(ParquetLayoutReport.bytes(report.totalBytes)) (\(report.totalBytes) bytes); retention "
                + "\(report.retentionMillis / 3_600_000) h, cutoff \(instant(report.cutoffMillis))")
        return out.joined(separator: "\n")
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
