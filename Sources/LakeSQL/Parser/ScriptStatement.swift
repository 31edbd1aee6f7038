/// A statement of a script with the text it was parsed from, so a later failure (binding, execution) can say which
/// statement of a file failed and quote it.
///
/// Spec: spec/sql.md §6.
public struct ScriptStatement: Sendable, Hashable {
    public var statement: Statement
    /// Where the statement's first token starts.
    public var location: SourceLocation
    /// The statement's text from its first token to its last, without the `;`.
    public var text: String

    public init(statement: Statement, location: SourceLocation, text: String) {
        self.statement = statement
        self.location = location
        self.text = text
    }
}
