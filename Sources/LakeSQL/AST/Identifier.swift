/// One name: a table, column, alias or function.
///
/// `value` is the name as written, without quotes. Unquoted names keep their spelling; the binder matches them
/// case-insensitively, and quoted names exactly.
///
/// Spec: spec/sql.md §1.
public struct Identifier: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var value: String
    /// True when the name was written in double quotes or backticks.
    public var isQuoted: Bool
    /// Where the name starts in the text (`.start` when built in code); not part of `==` or hashing.
    public var location: SourceLocation

    public init(_ value: String, isQuoted: Bool = false, at location: SourceLocation = .start) {
        self.value = value
        self.isQuoted = isQuoted
        self.location = location
    }

    public static func == (lhs: Identifier, rhs: Identifier) -> Bool {
        lhs.value == rhs.value && lhs.isQuoted == rhs.isQuoted
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(isQuoted)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The name as SQL text: bare when it reads back as the same unquoted name, else in double quotes.
    public var description: String { SQLFormatter.quoted(self) }
}
