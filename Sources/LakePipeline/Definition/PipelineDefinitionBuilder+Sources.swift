import LakeColumnar
import LakeTextFormats
import LakeWarehouse

/// The `[csv_source.<name>]` and `[postgres_source.<name>]` sections: bronze sources other than API endpoints.
///
/// Spec: spec/pipeline.md#sources-in-the-pipeline-file
extension PipelineDefinitionBuilder {
    /// Top-level folders of a lake root that belong to the lake itself; a CSV inbox may not sit under them.
    static let reservedLakeFolders: Set<String> = ["_lake", "bronze", "silver", "gold"]

    /// `folder` (relative to the lake root), optional `schema` (a field list) and `delimiter` (one character).
    mutating func addCSVSource(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let folderText = try reader.requiredString("folder")
        guard let folder = Self.lakeFolder(folderText) else {
            throw reader.error(
                "folder \(folderText) must be a folder inside the lake root: relative, without empty, . or .. "
                    + "components, and not under " + Self.reservedLakeFolders.sorted().joined(separator: "/, ") + "/",
                line: reader.line(of: "folder"))
        }
        var schema: Schema?
        if let text = try reader.string("schema") {
            do {
                schema = try Schema(parsingFieldList: text)
            } catch {
                let position = error.column.map { " at character \($0)" } ?? ""
                throw reader.error("schema\(position): \(error.reason)", line: reader.line(of: "schema"))
            }
            for added in [CSVFolderSource.sourceFileColumn, RecordFlattener.extractedAtColumn]
            where schema?.index(of: added) != nil {
                throw reader.error(
                    "schema declares \(added), a column bronze adds to every row", line: reader.line(of: "schema"))
            }
        }
        var options = CSVOptions()
        if let delimiter = try reader.string("delimiter") {
            let bytes = Array(delimiter.utf8)
            guard bytes.count == 1, bytes[0] >= 0x20, bytes[0] < 0x7F || bytes[0] == UInt8(ascii: "\t"),
                bytes[0] != options.quote
            else {
                throw reader.error(
                    "delimiter must be one printable ASCII character or a tab, other than the quote",
                    line: reader.line(of: "delimiter"))
            }
            options.delimiter = bytes[0]
        }
        sourceLines[name] = reader.section.line
        csvSources.append(CSVFolderSource(name: name, folder: folder, schema: schema, options: options))
    }

    /// `url_env` (required), `table` (required), optional `columns` and `cursor`.
    mutating func addPostgresSource(_ name: String, _ reader: inout PipelineSectionReader) throws(PipelineError) {
        let variable = try reader.requiredString("url_env")
        guard Self.isEnvironmentVariableName(variable) else {
            // The value may be a URL with a password pasted by mistake: it is not repeated in the message.
            throw reader.error(
                "url_env must name the environment variable that holds the database URL ([A-Z_][A-Z0-9_]*), "
                    + "not the URL itself", line: reader.line(of: "url_env"))
        }
        let tableText = try reader.requiredString("table")
        let parts = tableText.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && !$0.contains("\"") }) else {
            throw reader.error(
                "table must be \"name\" or \"schema.name\" (unquoted), found \(tableText)",
                line: reader.line(of: "table"))
        }
        let columns = try reader.strings("columns")
        if let columns {
            guard !columns.isEmpty else {
                throw reader.error(
                    "columns must list at least one column (leave it out to extract every column)",
                    line: reader.line(of: "columns"))
            }
            for column in columns where column.isEmpty || column == RecordFlattener.extractedAtColumn {
                throw reader.error(
                    column.isEmpty
                        ? "columns holds an empty name"
                        : "columns names \(column), a column bronze adds to every row",
                    line: reader.line(of: "columns"))
            }
        }
        let cursor = try reader.string("cursor")
        if cursor?.isEmpty == true { throw reader.error("cursor must name a column", line: reader.line(of: "cursor")) }
        sourceLines[name] = reader.section.line
        postgresSources.append(
            PostgresSourceDefinition(
                source: PostgresSource(
                    name: name, table: TableName(parsing: tableText), columns: columns, cursorColumn: cursor),
                urlEnvironmentVariable: variable, line: reader.section.line))
    }

    /// Checks that no two of the endpoints and sources share a name (they share the bronze folders and the
    /// groups' `endpoints` lists). Returns every extractable name.
    func checkSourceNames(endpoints: Set<String>) throws(PipelineError) -> Set<String> {
        var names = endpoints
        for name in csvSources.map(\.name) + postgresSources.map(\.name) {
            let line = sourceLines[name] ?? 1
            if endpoints.contains(name) {
                throw error("source \(name) has the name of one of the pipeline's endpoints", line: line)
            }
            guard names.insert(name).inserted else {
                throw error("source \(name) is declared both as a CSV and as a PostgreSQL source", line: line)
            }
        }
        return names
    }

    /// `text` as a `/`-terminated folder relative to the lake root, or nil when it would leave the root (absolute,
    /// `..`), is not in normal form (empty or `.` components) or lies under one of the lake's own folders.
    static func lakeFolder(_ text: String) -> String? {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        let components = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !trimmed.isEmpty, let first = components.first, !reservedLakeFolders.contains(String(first)),
            components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") })
        else { return nil }
        return trimmed + "/"
    }

    /// `[A-Z_][A-Z0-9_]*`, the portable form of an environment variable name.
    static func isEnvironmentVariableName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            return false
        }
        return text.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "_")
        }
    }
}
