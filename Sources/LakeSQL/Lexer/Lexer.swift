/// Splits SQL text into tokens, each with its source location.
///
/// Whitespace and comments (`-- to end of line`, `/* ... */`, which nest) separate tokens and are dropped.
/// Keywords match case-insensitively; identifiers keep their spelling. Strings are `'...'` with `''` for a quote;
/// quoted identifiers are `"..."` or `` `...` `` with the quote doubled inside. Numbers are digits with an
/// optional fraction and exponent (`1`, `1.5`, `.5`, `1e-3`); a number running into a letter is an error.
///
/// - Complexity: O(n) in the length of the text.
/// Spec: spec/sql.md §1.
public struct Lexer {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var column = 1

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The tokens of `text`, ending with one `.end` token.
    /// - Throws: `SQLError` for an unterminated string, quoted identifier or comment, a malformed number, a
    ///   character that starts no token, or text longer than `SQLLimits.textBytesMax`.
    public static func tokenize(_ text: String) throws(SQLError) -> [Token] {
        var lexer = Lexer(text)
        guard lexer.bytes.count <= SQLLimits.textBytesMax else {
            throw SQLError(
                .textTooLong(bytes: lexer.bytes.count, limit: SQLLimits.textBytesMax), at: .start, length: 0)
        }
        var tokens: [Token] = []
        while let token = try lexer.nextToken() {
            tokens.append(token)
        }
        tokens.append(Token(kind: .end, location: lexer.location, text: ""))
        return tokens
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: offset) }

    private func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte, keeping line and column (in Unicode scalars) up to date.
    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func text(from start: Int) -> String {
        String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func nextToken() throws(SQLError) -> Token? {
        try skipWhitespaceAndComments()
        guard let first = byte(at: offset) else { return nil }
        let start = location
        switch first {
        case UInt8(ascii: "'"):
            let value = try quoted(by: first, unterminated: .unterminatedString, start: start)
            return Token(kind: .string(value), location: start, text: text(from: start.offset))
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            let value = try quoted(by: first, unterminated: .unterminatedQuotedIdentifier, start: start)
            guard !value.isEmpty else {
                throw SQLError(.emptyQuotedIdentifier, at: start, length: offset - start.offset)
            }
            return Token(kind: .quotedIdentifier(value), location: start, text: text(from: start.offset))
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(start: start)
        case UInt8(ascii: "."):
            if let next = byte(at: offset + 1), Lexer.isDigit(next) { return try number(start: start) }
        default:
            if Lexer.isIdentifierStart(first) {
                while let byte = byte(at: offset), Lexer.isIdentifierPart(byte) { advance() }
                let word = text(from: start.offset)
                return Token(kind: .word(word, keyword: Keyword(word: word)), location: start, text: word)
            }
        }
        guard let symbol = symbol() else {
            let scalarBytes = Lexer.scalarLength(leadingByte: first)
            let end = min(bytes.count, offset + scalarBytes)
            let character = String(decoding: bytes[offset..<end], as: UTF8.self)
            throw SQLError(.invalidCharacter(character), at: start, length: end - offset)
        }
        for _ in 0..<symbol.rawValue.utf8.count { advance() }
        return Token(kind: .symbol(symbol), location: start, text: symbol.rawValue)
    }

    private mutating func skipWhitespaceAndComments() throws(SQLError) {
        while let byte = byte(at: offset) {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: "\r") || byte == 0x0C || byte == 0x0B
            {
                advance()
            } else if byte == UInt8(ascii: "-"), self.byte(at: offset + 1) == UInt8(ascii: "-") {
                while let next = self.byte(at: offset), next != UInt8(ascii: "\n") { advance() }
            } else if byte == UInt8(ascii: "/"), self.byte(at: offset + 1) == UInt8(ascii: "*") {
                try skipBlockComment()
            } else {
                return
            }
        }
    }

    /// Skips a `/* */` comment, which may contain nested comments.
    private mutating func skipBlockComment() throws(SQLError) {
        let start = location
        var depth = 0
        while offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "/"), byte(at: offset + 1) == UInt8(ascii: "*") {
                depth += 1
                advance()
                advance()
            } else if bytes[offset] == UInt8(ascii: "*"), byte(at: offset + 1) == UInt8(ascii: "/") {
                depth -= 1
                advance()
                advance()
                if depth == 0 { return }
            } else {
                advance()
            }
        }
        throw SQLError(.unterminatedComment, at: start, length: 2)
    }

    /// Reads a run quoted by `quote`, where a doubled quote stands for one; returns the unescaped content.
    private mutating func quoted(
        by quote: UInt8, unterminated: SQLError.Kind, start: SourceLocation
    ) throws(SQLError) -> String {
        advance()
        var content: [UInt8] = []
        while let byte = byte(at: offset) {
            if byte == quote {
                if self.byte(at: offset + 1) == quote {
                    content.append(quote)
                    advance()
                    advance()
                    continue
                }
                advance()
                return String(decoding: content, as: UTF8.self)
            }
            content.append(byte)
            advance()
        }
        throw SQLError(unterminated, at: start, length: 1)
    }

    private mutating func number(start: SourceLocation) throws(SQLError) -> Token {
        while let byte = byte(at: offset), Lexer.isDigit(byte) { advance() }
        if byte(at: offset) == UInt8(ascii: ".") {
            advance()
            while let byte = byte(at: offset), Lexer.isDigit(byte) { advance() }
        }
        if let marker = byte(at: offset), marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            advance()
            if let sign = byte(at: offset), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { advance() }
            guard let digit = byte(at: offset), Lexer.isDigit(digit) else {
                throw SQLError(
                    .invalidNumber(text(from: start.offset), reason: "the exponent has no digits"), at: start,
                    length: offset - start.offset)
            }
            while let byte = byte(at: offset), Lexer.isDigit(byte) { advance() }
        }
        if let next = byte(at: offset), Lexer.isIdentifierPart(next) || next == UInt8(ascii: ".") {
            while let byte = byte(at: offset), Lexer.isIdentifierPart(byte) || byte == UInt8(ascii: ".") {
                advance()
            }
            throw SQLError(
                .invalidNumber(text(from: start.offset), reason: "a number must not run into a name or another dot"),
                at: start, length: offset - start.offset)
        }
        let written = text(from: start.offset)
        return Token(kind: .number(written), location: start, text: written)
    }

    /// The longest operator or punctuation mark at the current offset.
    private func symbol() -> Symbol? {
        guard let first = byte(at: offset) else { return nil }
        if let second = byte(at: offset + 1) {
            let pair = String(decoding: [first, second], as: UTF8.self)
            if let symbol = Symbol(rawValue: pair) { return symbol }
        }
        return Symbol(rawValue: String(decoding: [first], as: UTF8.self))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Letters, `_` and any non-ASCII character start a name.
    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }

    private static func scalarLength(leadingByte byte: UInt8) -> Int {
        switch byte {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
