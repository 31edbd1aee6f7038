/// Malformed CSV or JSON-lines input, located by line (1-based) and column (1-based byte offset in the line).
public struct TextFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: Int?
    public var reason: String

    public init(source: String, line: Int, column: Int? = nil, reason: String) {
        self.source = source
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "\(source):\(line)" + (column.map { ":\($0)" } ?? "") + ": \(reason)"
    }
}
