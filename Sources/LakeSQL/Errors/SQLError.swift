/// A failure to read SQL text, with the place in the text and the reason.
///
/// `description` is the one-line message, e.g. `expected FROM or end of statement, found 'FORM' at line 2,
/// column 8`; `rendered(in:)` adds the offending line with a caret under it.
///
/// Spec: spec/sql.md §5.
public struct SQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. Indirect, so an error in flight is one pointer: the parser's recursive frames each hold
    /// error slots, and a small error keeps deep nesting within the stack.
    public indirect enum Kind: Sendable, Hashable {
        /// The parser met `found` (a token's display name: `'FORM'`, `end of input`) where only the items of
        /// `expected` could continue the statement (`FROM`, `')'`, `an expression`, `end of statement`).
        /// `suggestion` is a keyword that `found` is probably a misspelling of.
        case unexpectedToken(found: String, expected: [String], suggestion: String?)
        /// A character that starts no token (`#`, `?`).
        case invalidCharacter(String)
        case unterminatedString
        case unterminatedQuotedIdentifier
        case unterminatedComment
        /// `""` used as a name.
        case emptyQuotedIdentifier
        /// A numeric literal that is malformed or out of range.
        case invalidNumber(String, reason: String)
        /// The text of an `INTERVAL` literal is not a list of `<integer> <unit>` pairs.
        case invalidInterval(String, reason: String)
        /// `EXTRACT(field FROM x)` or an interval unit names no date/time field.
        case unknownDateTimeField(String)
        /// A row of a VALUES list has `found` values where the first row has `expected`.
        case valuesRowWidth(expected: Int, found: Int)
        /// Nesting deeper than `limit` levels (`SQLLimits.nestingDepthMax`).
        case nestingTooDeep(limit: Int)
        /// A script longer than `limit` UTF-8 bytes (`SQLLimits.textBytesMax`).
        case textTooLong(bytes: Int, limit: Int)
        /// A script with more than `limit` statements (`SQLLimits.statementsMax`).
        case tooManyStatements(limit: Int)
        /// The binder found no column `name` in scope; `suggestion` is the nearest column name in scope.
        case unknownColumn(String, suggestion: String?)
        /// The catalog knows no table `name`; `suggestion` is the nearest known table or CTE name.
        case unknownTable(String, suggestion: String?)
        /// `name` matches several columns in scope (`candidates`, qualified: `a.id`, `b.id`).
        case ambiguousColumn(String, candidates: [String])
        /// Operand or argument types that do not fit (`'a' + 1`, `WHERE price`).
        case typeMismatch(String)
        /// An aggregate call in a clause that runs before grouping (`WHERE`, `GROUP BY`, `JOIN ... ON`).
        case aggregateNotAllowed(function: String, clause: String)
        /// A window function call outside the SELECT list, QUALIFY and ORDER BY.
        case windowNotAllowed(function: String, clause: String)
        /// A column used in SELECT, HAVING or ORDER BY of a grouped query that is neither grouped nor aggregated.
        case nonGroupedColumn(String)
        /// A function called with the wrong number of arguments; `expected` reads like `1 or 2`.
        case wrongArgumentCount(function: String, expected: String, found: Int)
        /// No scalar, aggregate or window function of that name; `suggestion` is the nearest known name.
        case unknownFunction(String, suggestion: String?)
        /// A type name in CAST or a typed literal that names no column type.
        case unknownType(String)
        /// A typed literal (`DATE '2024-02-30'`) whose text is not a value of its type.
        case invalidLiteral(String, reason: String)
        /// `GROUP BY 3` or `ORDER BY 0` where the SELECT list has `count` items.
        case ordinalOutOfRange(Int, count: Int)
        /// The two sides of a set operation, a column alias list or an INSERT have different widths.
        case columnCountMismatch(expected: Int, found: Int, context: String)
        /// A construct the binder does not plan yet (`WITH RECURSIVE`, a correlated subquery).
        case unsupported(String)
        /// The catalog failed while resolving a table (I/O, a corrupt log, a version that does not exist).
        case catalogFailure(table: String, reason: String)
    }

    public var kind: Kind
    /// Where the offending text starts.
    public var location: SourceLocation
    /// The length of the offending text in UTF-8 bytes (0 at the end of input), for the caret line.
    public var length: Int

    public init(_ kind: Kind, at location: SourceLocation, length: Int) {
        self.kind = kind
        self.location = location
        self.length = max(0, length)
    }

    /// The reason without the location: `expected FROM or end of statement, found 'FORM'`.
    public var reason: String {
        switch kind {
        case .unexpectedToken(let found, let expected, let suggestion):
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            guard !expected.isEmpty else { return "unexpected \(found)\(hint)" }
            return "expected \(SQLError.alternatives(expected)), found \(found)\(hint)"
        case .invalidCharacter(let character): return "unexpected character '\(character)'"
        case .unterminatedString: return "unterminated string literal: no closing '"
        case .unterminatedQuotedIdentifier: return "unterminated quoted identifier: no closing quote"
        case .unterminatedComment: return "unterminated comment: no closing */"
        case .emptyQuotedIdentifier: return "a quoted identifier must not be empty"
        case .invalidNumber(let text, let reason): return "invalid number '\(text)': \(reason)"
        case .invalidInterval(let text, let reason): return "invalid interval '\(text)': \(reason)"
        case .unknownDateTimeField(let name):
            return "unknown date/time field '\(name)'; expected one of \(DateTimeField.allNames)"
        case .valuesRowWidth(let expected, let found):
            return "every VALUES row must have \(expected) values like the first, this one has \(found)"
        case .nestingTooDeep(let limit): return "the statement nests more than \(limit) levels deep"
        case .textTooLong(let bytes, let limit):
            return "the SQL text has \(bytes) bytes, more than the \(limit) allowed"
        case .tooManyStatements(let limit): return "the script has more than \(limit) statements"
        default: return bindingReason
        }
    }

    public var description: String { "\(reason) at \(location)" }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }
}
