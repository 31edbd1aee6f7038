/// A possibly schema-qualified PostgreSQL table name, kept unquoted; `quoted` renders it through
/// `SQLIdentifier.quote`.
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    /// The schema (`public` when nil: the server's search path decides).
    public var schema: String?
    public var name: String

    public init(schema: String? = nil, _ name: String) {
        self.schema = schema
        self.name = name
    }

    /// Parses `name` or `schema.name` (split at the first dot; no quoting syntax).
    public init(parsing text: String) {
        if let dot = text.firstIndex(of: ".") {
            self.init(schema: String(text[..<dot]), String(text[text.index(after: dot)...]))
        } else {
            self.init(text)
        }
    }

    /// `"schema"."name"` or `"name"`.
    public func quoted() throws(WarehouseError) -> String {
        let table = try SQLIdentifier.quote(name)
        guard let schema else { return table }
        return try SQLIdentifier.quote(schema) + "." + table
    }

    /// The unquoted dotted form, as stored in the state table and shown in messages.
    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
