import LakeCore

/// Where each incremental PostgreSQL source stopped, persisted in `_lake/postgres_cursors.json`.
///
/// ```json
/// {"orders":{"column":"updated_at","value":"2024-05-01 10:00:00.25+00"}}
/// ```
/// Values are PostgreSQL's text form of the cursor column (`ExtractionSummary.cursorValue`). A cursor recorded
/// for another column than the source's current one is ignored, so changing a source's cursor column starts it
/// over with a full extraction.
///
/// Spec: spec/warehouse.md §10.3
public struct PostgresCursorState: Sendable, Equatable {
    public static let path = "_lake/postgres_cursors.json"

    /// The last extracted cursor value of a source, and the column it belongs to.
    public struct Position: Sendable, Hashable {
        public var column: String
        public var value: String

        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    public var bySource: [String: Position]

    public init(bySource: [String: Position] = [:]) {
        self.bySource = bySource
    }

    /// The value to extract after for `source`: nil when it has none or has one for another column.
    public func after(for source: PostgresSource) -> String? {
        guard let column = source.cursorColumn, let position = bySource[source.name], position.column == column else {
            return nil
        }
        return position.value
    }

    /// - Throws: `storage` when the file is not the JSON shape above.
    public static func load(from store: any ObjectStore) throws(PipelineError) -> PostgresCursorState {
        guard let object = try LakeStateFile.read(store, path) else { return PostgresCursorState() }
        var result: [String: Position] = [:]
        for (source, value) in object {
            guard case .object(let entry) = value, case .string(let column)? = entry["column"],
                case .string(let cursor)? = entry["value"]
            else { throw .storage(path: path, reason: "\(source) is not {\"column\": text, \"value\": text}") }
            result[source] = Position(column: column, value: cursor)
        }
        return PostgresCursorState(bySource: result)
    }

    public func save(to store: any ObjectStore) throws(PipelineError) {
        let members = bySource.sorted { $0.key < $1.key }.map { entry in
            (
                entry.key,
                JSONValue.object(
                    JSONObject([("column", .string(entry.value.column)), ("value", .string(entry.value.value))]))
            )
        }
        try LakeStateFile.write(store, Self.path, JSONObject(members))
    }
}
