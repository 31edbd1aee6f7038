/// A position in SQL text: 1-based line and column, plus the UTF-8 byte offset, for error messages.
///
/// `column` counts Unicode scalars from the start of the line, so a caret printed under the line lands on the
/// right character for text without wide or combining characters. Lines end at `\n`; a `\r` before it is
/// ordinary whitespace.
///
/// Spec: spec/sql.md §5.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The first character of the text; also the location of nodes built in code rather than parsed.
    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public var description: String { "line \(line), column \(column)" }
}
