/// Writes syntax trees back as SQL text that parses to an equal tree.
///
/// Queries are laid out one clause per line, with subqueries in FROM and WITH indented by two spaces; expressions
/// stay on one line, with parentheses exactly where precedence needs them. For every tree the parser produces,
/// `SQLParser.parseStatement(formatter.format(statement)) == statement`. Trees built in code round-trip too, except
/// that names which cannot be written bare come back quoted.
///
/// Spec: spec/sql.md §7.
public struct SQLFormatter: Sendable {
    /// The width past which a SELECT list is written one item per line.
    public static let lineCharactersMax = 100

    /// Spaces added per nesting level of the layout.
    public var indentWidth: Int

    public init(indentWidth: Int = 2) {
        self.indentWidth = max(0, indentWidth)
    }

    /// Statements separated by blank lines, each ending with `;`.
    public func format(_ statements: [Statement]) -> String {
        statements.map { format($0) + ";" }.joined(separator: "\n\n")
    }

    public func format(_ statement: Statement) -> String {
        statementText(statement, indent: "")
    }

    public func format(_ query: Query) -> String {
        queryText(query, indent: "")
    }

    /// One line, without outer parentheses.
    public func format(_ expression: Expression) -> String {
        expressionText(expression)
    }

    /// A name as SQL: bare when it lexes back as the same unquoted name and is no reserved keyword, else in double
    /// quotes with inner quotes doubled.
    public static func quoted(_ identifier: Identifier) -> String {
        if !identifier.isQuoted, isBare(identifier.value), Keyword(word: identifier.value)?.isReserved != true {
            return identifier.value
        }
        return "\"" + identifier.value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// `'text'` with inner quotes doubled.
    public static func quoted(string: String) -> String {
        "'" + string.replacingAll("'", with: "''") + "'"
    }

    /// True when `value` lexes as one bare word.
    static func isBare(_ value: String) -> Bool {
        guard let first = value.utf8.first, first >= 0x80 || isLetter(first) || first == UInt8(ascii: "_") else {
            return false
        }
        return value.utf8.allSatisfy { byte in
            byte >= 0x80 || isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    func indented(_ indent: String?) -> String? {
        indent.map { $0 + String(repeating: " ", count: indentWidth) }
    }
}

extension Statement: CustomStringConvertible {
    /// The statement as formatted SQL text.
    public var description: String { SQLFormatter().format(self) }
}

extension Query: CustomStringConvertible {
    public var description: String { SQLFormatter().format(self) }
}

extension Expression: CustomStringConvertible {
    public var description: String { SQLFormatter().format(self) }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
