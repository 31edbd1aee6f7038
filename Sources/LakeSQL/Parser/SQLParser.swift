/// A hand-written recursive-descent parser from SQL text to `Statement` trees.
///
/// Expressions use precedence climbing over the levels of `Precedence`. Every recursion and every link of a
/// left-associative chain counts against `SQLLimits.nestingDepthMax`, so hostile input ends in
/// `SQLError.Kind.nestingTooDeep` rather than a stack overflow. Errors name what could have come next, collected
/// from the alternatives tried at the failing token.
///
/// Spec: spec/sql.md.
public struct SQLParser {
    var tokens: [Token]
    var position = 0
    var depth = 0
    /// Descriptions of what was tried at `expectationsPosition`, in the order tried.
    var expectations: [String] = []
    var expectationsPosition = -1
    /// The position of the last alias written without AS, which may be a misspelled keyword (`SELECT a FORM t`).
    var implicitAliasPosition = -1

    init(tokens: [Token]) {
        precondition(tokens.last?.kind == .end, "a token list ends with .end")
        self.tokens = tokens
    }

    /// Parses a script of statements separated by `;`. Empty statements (`;;`) are skipped.
    /// - Throws: `SQLError` at the first lexical or syntax error.
    public static func parseScript(_ text: String) throws(SQLError) -> [Statement] {
        try parseScriptStatements(text).map(\.statement)
    }

    /// Parses a script like `parseScript`, keeping each statement's location and text.
    public static func parseScriptStatements(_ text: String) throws(SQLError) -> [ScriptStatement] {
        var parser = SQLParser(tokens: try Lexer.tokenize(text))
        let bytes = Array(text.utf8)
        var statements: [ScriptStatement] = []
        while true {
            while parser.isSymbol(.semicolon) { parser.advance() }
            if case .end = parser.current.kind { return statements }
            guard statements.count < SQLLimits.statementsMax else {
                throw SQLError(
                    .tooManyStatements(limit: SQLLimits.statementsMax), at: parser.current.location,
                    length: parser.current.text.utf8.count)
            }
            let first = parser.current
            let statement = try parser.parseStatement()
            let last = parser.tokens[max(parser.position - 1, 0)]
            let end = min(bytes.count, last.location.offset + last.text.utf8.count)
            let source = String(decoding: bytes[first.location.offset..<max(end, first.location.offset)], as: UTF8.self)
            statements.append(ScriptStatement(statement: statement, location: first.location, text: source))
            if case .end = parser.current.kind { return statements }
            guard parser.isSymbol(.semicolon) else { throw parser.unexpected(["end of statement"]) }
            parser.advance()
        }
    }

    /// True when `text` holds at least one statement and ends with `;` outside any string, quoted name or comment:
    /// an interactive shell keeps reading lines until this holds. Text with other lexical errors counts as complete
    /// so that the parser reports them.
    public static func isCompleteInput(_ text: String) -> Bool {
        let tokens: [Token]
        do {
            tokens = try Lexer.tokenize(text)
        } catch {
            switch error.kind {
            case .unterminatedString, .unterminatedQuotedIdentifier, .unterminatedComment: return false
            default: return true
            }
        }
        let meaningful = tokens.dropLast()
        guard let last = meaningful.last, last.kind == .symbol(.semicolon) else { return false }
        return meaningful.contains { $0.kind != .symbol(.semicolon) }
    }

    /// Parses text holding exactly one statement, optionally followed by `;`.
    /// - Throws: `SQLError`, also when the text is empty or holds more than one statement.
    public static func parseStatement(_ text: String) throws(SQLError) -> Statement {
        var parser = SQLParser(tokens: try Lexer.tokenize(text))
        let statement = try parser.parseStatement()
        if parser.isSymbol(.semicolon) { parser.advance() }
        try parser.expectEnd()
        return statement
    }

    /// Parses text holding one query (`SELECT`, `WITH`, `VALUES` or a parenthesized query).
    public static func parseQuery(_ text: String) throws(SQLError) -> Query {
        var parser = SQLParser(tokens: try Lexer.tokenize(text))
        let query = try parser.parseQuery()
        try parser.expectEnd()
        return query
    }

    /// Parses text holding one expression, as in a filter given on the command line.
    public static func parseExpression(_ text: String) throws(SQLError) -> Expression {
        var parser = SQLParser(tokens: try Lexer.tokenize(text))
        let expression = try parser.parseExpression()
        try parser.expectEnd()
        return expression
    }

    // MARK: - Token access

    var current: Token { tokens[position] }

    /// The token `distance` places ahead, or the end token past the end.
    func peek(_ distance: Int = 1) -> Token { tokens[min(position + distance, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func keyword(of token: Token) -> Keyword? {
        if case .word(_, let keyword) = token.kind { return keyword }
        return nil
    }

    func isKeyword(_ keyword: Keyword, ahead distance: Int = 0) -> Bool {
        self.keyword(of: peek(distance)) == keyword
    }

    func isSymbol(_ symbol: Symbol, ahead distance: Int = 0) -> Bool {
        peek(distance).kind == .symbol(symbol)
    }

    /// Records that `description` could have come at the current token, for the next error message.
    mutating func note(_ description: String) {
        if expectationsPosition != position {
            expectationsPosition = position
            expectations.removeAll(keepingCapacity: true)
        }
        if !expectations.contains(description) { expectations.append(description) }
    }

    /// Consumes `keyword` if it is next; otherwise notes it as expected.
    mutating func accept(_ keyword: Keyword) -> Bool {
        if isKeyword(keyword) {
            advance()
            return true
        }
        note(keyword.rawValue)
        return false
    }

    /// Consumes `first second` (`GROUP BY`) if `first` is next; then `second` is required.
    mutating func accept(_ first: Keyword, _ second: Keyword) throws(SQLError) -> Bool {
        guard isKeyword(first) else {
            note("\(first.rawValue) \(second.rawValue)")
            return false
        }
        advance()
        try expect(second)
        return true
    }

    mutating func accept(_ symbol: Symbol) -> Bool {
        if isSymbol(symbol) {
            advance()
            return true
        }
        note("'\(symbol.rawValue)'")
        return false
    }

    mutating func expect(_ keyword: Keyword) throws(SQLError) {
        guard accept(keyword) else { throw unexpected() }
    }

    @discardableResult
    mutating func expect(_ symbol: Symbol) throws(SQLError) -> Token {
        let token = current
        guard accept(symbol) else { throw unexpected() }
        return token
    }

    mutating func expectEnd() throws(SQLError) {
        guard case .end = current.kind else { throw unexpected(["end of input"]) }
    }

    /// An error at the current token listing what was noted there plus `also`.
    ///
    /// When the token before is an implicit alias that looks like a misspelled expected keyword (`FORM` for `FROM`),
    /// the error points at the alias instead, since that is where the text went wrong.
    func unexpected(_ also: [String] = []) -> SQLError {
        var expected = expectationsPosition == position ? expectations : []
        for item in also where !expected.contains(item) { expected.append(item) }
        let keywords = expected.compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { Keyword(word: $0) != nil }
        if implicitAliasPosition == position - 1, position > 0, case .word(let alias, nil) = tokens[position - 1].kind,
            let suggestion = NameSuggestion.suggestion(for: alias.uppercased(), among: keywords)
        {
            let token = tokens[position - 1]
            return SQLError(
                .unexpectedToken(found: token.displayName, expected: expected, suggestion: suggestion),
                at: token.location, length: token.text.utf8.count)
        }
        var suggestion: String?
        if case .word(let word, nil) = current.kind {
            suggestion = NameSuggestion.suggestion(for: word.uppercased(), among: keywords)
        }
        return SQLError(
            .unexpectedToken(found: current.displayName, expected: expected, suggestion: suggestion),
            at: current.location, length: current.text.utf8.count)
    }

    /// Enters one level of nesting; pair with `leave()`.
    mutating func enter() throws(SQLError) {
        depth += 1
        guard depth <= SQLLimits.nestingDepthMax else {
            throw SQLError(
                .nestingTooDeep(limit: SQLLimits.nestingDepthMax), at: current.location,
                length: current.text.utf8.count)
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: - Names

    /// True when the current token can be an identifier: a bare word that is not a reserved keyword, or a quoted
    /// name.
    func isIdentifier(ahead distance: Int = 0) -> Bool {
        switch peek(distance).kind {
        case .word(_, let keyword): keyword.map { !$0.isReserved } ?? true
        case .quotedIdentifier: true
        default: false
        }
    }

    /// True for a name that may stand as an implicit alias: not any keyword.
    func isImplicitAlias() -> Bool {
        switch current.kind {
        case .word(_, let keyword): keyword == nil
        case .quotedIdentifier: true
        default: false
        }
    }

    mutating func parseIdentifier(_ description: String = "a name") throws(SQLError) -> Identifier {
        let location = current.location
        switch current.kind {
        case .word(let word, let keyword) where keyword.map({ !$0.isReserved }) ?? true:
            advance()
            return Identifier(word, at: location)
        case .quotedIdentifier(let name):
            advance()
            return Identifier(name, isQuoted: true, at: location)
        default:
            note(description)
            throw unexpected()
        }
    }

    /// `a.b.c`.
    mutating func parseObjectName(_ description: String = "a name") throws(SQLError) -> ObjectName {
        let location = current.location
        var parts = [try parseIdentifier(description)]
        while isSymbol(.dot), isIdentifier(ahead: 1) {
            advance()
            parts.append(try parseIdentifier(description))
        }
        return ObjectName(parts, at: location)
    }

    /// `(a, b, c)`: at least one name.
    mutating func parseParenthesizedIdentifiers() throws(SQLError) -> [Identifier] {
        try expect(.leftParenthesis)
        var names = [try parseIdentifier("a column name")]
        while accept(.comma) {
            names.append(try parseIdentifier("a column name"))
        }
        try expect(.rightParenthesis)
        return names
    }
}
