import LakeSQL
import Testing

@Suite struct SQLErrorTests {
    private func error(_ text: String) -> SQLError? {
        do {
            _ = try SQLParser.parseScript(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMisspelledKeywordTakenAsAliasIsReportedWithTheKeywordItResembles() throws {
        let failure = try #require(error("SELECT a, b\nFORM t"))
        #expect(failure.location == SourceLocation(line: 2, column: 1, offset: 12))
        #expect(
            failure.description
                == "expected ',', FROM, WHERE, GROUP BY, HAVING, QUALIFY, UNION, INTERSECT, EXCEPT, ORDER BY, LIMIT, "
                + "OFFSET or end of statement, found 'FORM' (did you mean FROM?) at line 2, column 1")
    }

    @Test func anUnexpectedTokenListsWhatCouldHaveComeNext() throws {
        let failure = try #require(error("SELECT a FROM t LIMIT 10 garbage"))
        #expect(failure.reason == "expected OFFSET or end of statement, found 'garbage'")
        #expect(failure.location.column == 26)
        #expect(failure.length == 7)
    }

    @Test func theEndOfInputIsNamed() throws {
        let failure = try #require(error("SELECT * FROM t WHERE"))
        #expect(failure.reason == "expected an expression, found end of input")
        #expect(failure.length == 0)
    }

    @Test func foundTokensAreShownAsWrittenAndLongOnesCut() throws {
        #expect(try #require(error("SELECT a FROM t 'x'")).reason.hasSuffix("found 'x'"))
        let long = String(repeating: "n", count: 50)
        #expect(
            try #require(error("SELECT a b \(long)")).reason.hasSuffix("found '\(String(repeating: "n", count: 37))...'"))
    }

    @Test func misspelledKeywordsGetASuggestion() throws {
        #expect(
            try #require(error("SELECT a FROM t WHERE x = 1 GROP BY a")).reason.hasSuffix(
                "found 'GROP' (did you mean GROUP?)"))
        #expect(try #require(error("SELEC 1")).reason.hasSuffix("found 'SELEC' (did you mean SELECT?)"))
        #expect(
            try #require(error("VACUUM t RETAIN 1 HOUR")).reason == "expected HOURS, found 'HOUR' (did you mean HOURS?)"
        )
    }

    @Test(arguments: [
        ("SELECT CAST(a AS) FROM t", "expected a type name, found ')'"),
        ("SELECT CASE END", "expected WHEN or an expression, found 'END'"),
        (
            "SELECT EXTRACT(fortnight FROM ts)",
            "unknown date/time field 'fortnight'; expected one of "
                + "year, quarter, month, week, day, dow, doy, hour, minute, second, millisecond, microsecond, epoch"
        ),
        (
            "SELECT INTERVAL '3 parsecs'",
            "invalid interval '3 parsecs': 'parsecs' is not a unit (year, month, week, "
                + "day, hour, minute, second, ...)"
        ),
        ("SELECT * FROM t VERSION AS OF x", "expected a version number, found 'x'"),
        (
            "SELECT * FROM t VERSION AS OF 99999999999999999999",
            "invalid number '99999999999999999999': expected a "
                + "version number"
        ),
        ("SELECT 1e999", "invalid number '1e999': out of the range of a double"),
        ("SELECT * FROM a JOIN b", "expected VERSION AS OF, TIMESTAMP AS OF, AS, ON or USING, found end of input"),
        ("MERGE INTO t USING s ON t.id = s.id", "expected WHEN, found end of input"),
        ("DELETE t", "expected FROM, found 't'"),
        ("SELECT 'abc", "unterminated string literal: no closing '"),
        ("VALUES (1, 2), (3)", "every VALUES row must have 2 values like the first, this one has 1"),
    ])
    func errorsSayWhatWasWrong(text: String, reason: String) throws {
        #expect(try #require(error(text)).reason == reason)
    }

    @Test func renderingShowsTheLineWithACaretUnderTheOffendingText() throws {
        let text = "SELECT a,\n\tb\nFROM t WHERE x = 1 GROP BY a\n"
        let failure = try #require(error(text))
        #expect(
            failure.rendered(in: text) == """
                error: expected GROUP BY, HAVING, QUALIFY, UNION, INTERSECT, EXCEPT, ORDER BY, LIMIT, OFFSET or end \
                of statement, found 'GROP' (did you mean GROUP?)
                 --> line 3, column 20
                  |
                3 | FROM t WHERE x = 1 GROP BY a
                  |                    ^^^^
                """)
    }

    @Test func renderingKeepsTabsAndCountsCharactersNotBytes() throws {
        let text = "SELECT 'é',\t# FROM t"
        let failure = try #require(error(text))
        #expect(failure.kind == .invalidCharacter("#"))
        #expect(failure.rendered(in: text).hasSuffix("1 | SELECT 'é',\t# FROM t\n  |            \t^"))
    }

    @Test func renderingWithTheWrongTextOmitsTheLine() throws {
        let failure = try #require(error("SELECT\n\n\n1 +"))
        #expect(
            failure.rendered(in: "SELECT 1")
                == "error: expected an expression, found end of input\n --> line 4, column 4")
    }

    @Test func deepNestingFailsWithAnErrorInsteadOfOverflowingTheStack() throws {
        let depth = 20_000
        for text in [
            "SELECT " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            "SELECT " + String(repeating: "- ", count: depth) + "1",
            "SELECT " + String(repeating: "NOT ", count: depth) + "TRUE",
            "SELECT " + Array(repeating: "1", count: depth).joined(separator: " + "),
            "SELECT " + Array(repeating: "a", count: depth).joined(separator: " AND "),
            "SELECT " + String(repeating: "(SELECT ", count: depth),
            Array(repeating: "SELECT 1", count: depth).joined(separator: " UNION "),
            "SELECT * FROM " + Array(repeating: "t", count: depth).joined(separator: " CROSS JOIN "),
            "SELECT * FROM " + String(repeating: "(", count: depth) + "t",
            "SELECT " + String(repeating: "CASE WHEN ", count: depth),
            "SELECT 1" + String(repeating: "::int", count: depth),
            String(repeating: "EXPLAIN ", count: depth) + "SELECT 1",
        ] {
            let failure = try #require(error(text))
            #expect(failure.kind == .nestingTooDeep(limit: SQLLimits.nestingDepthMax), "\(text.prefix(30))")
        }
    }

    @Test func nestingUpToTheLimitParsesAndFormats() throws {
        let levels = SQLLimits.nestingDepthMax - 8
        let nested = "SELECT " + String(repeating: "(", count: levels) + "1" + String(repeating: ")", count: levels)
        let chain = "SELECT " + Array(repeating: "1", count: levels).joined(separator: " + ")
        for text in [nested, chain] {
            let statement = try SQLParser.parseStatement(text)
            #expect(try SQLParser.parseStatement(SQLFormatter().format(statement)) == statement)
        }
    }
}
