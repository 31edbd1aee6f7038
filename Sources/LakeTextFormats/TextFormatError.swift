/// Malformed CSV or JSON-lines input, located by line (1-based) and column (1-based byte offset in the line).
///
/// `line` is 0 for failures that belong to no line (the file cannot be opened or read, a schema text is
/// malformed). `field` names the schema column the failure concerns, when there is one.
public struct TextFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: Int?
    public var field: String?
    public var reason: String

    public init(source: String, line: Int, column: Int? = nil, field: String? = nil, reason: String) {
        self.source = source
        self.line = line
        self.column = column
        self.field = field
        self.reason = reason
    }

    public var description: String {
        guard line > 0 else { return "\(source): \(reason)" }
        return "\(source):\(line)" + (column.map { ":\($0)" } ?? "") + ": \(reason)"
    }
}
