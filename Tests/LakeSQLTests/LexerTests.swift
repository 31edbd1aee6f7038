import LakeSQL
import Testing

@Suite struct LexerTests {
    private func kinds(_ text: String) throws -> [TokenKind] {
        try Lexer.tokenize(text).map(\.kind)
    }

    @Test func keywordsMatchInAnyCaseAndKeepTheirSpelling() throws {
        #expect(
            try kinds("select SeLeCt FROM")
                == [
                    .word("select", keyword: .select), .word("SeLeCt", keyword: .select), .word("FROM", keyword: .from),
                    .end,
                ])
    }

    @Test func identifiersMayBeQuotedWithDoubledQuotesInside() throws {
        #expect(
            try kinds(#"price "Total ""net"" value" `a``b` _x1$"#)
                == [
                    .word("price", keyword: nil), .quotedIdentifier(#"Total "net" value"#), .quotedIdentifier("a`b"),
                    .word("_x1$", keyword: nil), .end,
                ])
    }

    @Test func dottedNamesAreWordsAndDots() throws {
        #expect(
            try kinds("silver.fact_x")
                == [.word("silver", keyword: nil), .symbol(.dot), .word("fact_x", keyword: nil), .end])
    }

    @Test func stringsUnescapeDoubledQuotesAndKeepNewlines() throws {
        #expect(try kinds("'it''s' '' 'a\nb'") == [.string("it's"), .string(""), .string("a\nb"), .end])
    }

    @Test func numbersKeepTheirText() throws {
        #expect(
            try kinds("42 1.50 .5 6.02e23 1E-3 7.")
                == [
                    .number("42"), .number("1.50"), .number(".5"), .number("6.02e23"), .number("1E-3"), .number("7."),
                    .end,
                ])
    }

    @Test func operatorsTakeTheLongestMatch() throws {
        let symbols = try kinds("<= >= <> != || :: < > = + - * / % ( ) , . ;").compactMap { kind -> Symbol? in
            if case .symbol(let symbol) = kind { return symbol }
            return nil
        }
        #expect(
            symbols == [
                .lessOrEqual, .greaterOrEqual, .notEqual, .bangEqual, .concatenate, .doubleColon, .less, .greater,
                .equal, .plus, .minus, .star, .slash, .percent, .leftParenthesis, .rightParenthesis, .comma, .dot,
                .semicolon,
            ])
    }

    @Test func commentsAreSkippedIncludingNestedBlocks() throws {
        #expect(
            try kinds("a -- to the end\n/* one /* two */ still */ b--x")
                == [.word("a", keyword: nil), .word("b", keyword: nil), .end])
    }

    @Test func tokensCarryLineColumnAndByteOffset() throws {
        let tokens = try Lexer.tokenize("SELECT\n  'é', x\r\n\tFROM")
        #expect(tokens[0].location == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(tokens[1].location == SourceLocation(line: 2, column: 3, offset: 9))
        // 'é' is 4 bytes but 3 columns: the comma sits in column 6.
        #expect(tokens[2].location == SourceLocation(line: 2, column: 6, offset: 13))
        #expect(tokens[3].location == SourceLocation(line: 2, column: 8, offset: 15))
        #expect(tokens[4].location == SourceLocation(line: 3, column: 2, offset: 19))
        #expect(tokens[5].kind == .end)
        #expect(tokens[5].location == SourceLocation(line: 3, column: 6, offset: 23))
    }

    @Test func nonASCIILettersFormIdentifiers() throws {
        #expect(try kinds("prix_€ größe") == [.word("prix_€", keyword: nil), .word("größe", keyword: nil), .end])
    }

    @Test(arguments: [
        ("SELECT 'abc", SQLError.Kind.unterminatedString, 1, 8),
        ("SELECT \"abc", .unterminatedQuotedIdentifier, 1, 8),
        ("a /* b /* c */", .unterminatedComment, 1, 3),
        ("SELECT \"\"", .emptyQuotedIdentifier, 1, 8),
        ("x\n  # y", .invalidCharacter("#"), 2, 3),
        ("1e+", .invalidNumber("1e+", reason: "the exponent has no digits"), 1, 1),
        ("SELECT 12abc", .invalidNumber("12abc", reason: "a number must not run into a name or another dot"), 1, 8),
        ("1.2.3", .invalidNumber("1.2.3", reason: "a number must not run into a name or another dot"), 1, 1),
    ])
    func malformedTextThrowsAtTheOffendingPlace(text: String, kind: SQLError.Kind, line: Int, column: Int) {
        #expect {
            try Lexer.tokenize(text)
        } throws: { error in
            guard let error = error as? SQLError else { return false }
            return error.kind == kind && error.location.line == line && error.location.column == column
        }
    }

    @Test func keywordLookupRejectsLongWordsWithoutAllocatingAnUppercaseCopy() {
        #expect(Keyword(word: String(repeating: "select", count: 1_000)) == nil)
        #expect(Keyword(word: "zOrder") == .zorder)
        #expect(Keyword.select.isReserved)
        #expect(!Keyword.version.isReserved)
    }
}
