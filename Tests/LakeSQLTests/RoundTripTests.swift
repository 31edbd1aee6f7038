import LakeSQL
import Testing

@Suite struct RoundTripTests {
    @Test(arguments: RoundTripCorpus.statements)
    func formattingThenParsingGivesTheSameTree(text: String) throws {
        let statement = try SQLParser.parseStatement(text)
        let formatted = SQLFormatter().format(statement)
        let reparsed = try SQLParser.parseStatement(formatted)
        #expect(reparsed == statement, "formatted as:\n\(formatted)")
        // Formatting is a fixed point: the second formatting equals the first.
        #expect(SQLFormatter().format(reparsed) == formatted)
    }

    @Test func aWholeScriptRoundTrips() throws {
        let script = RoundTripCorpus.statements.joined(separator: ";\n")
        let statements = try SQLParser.parseScript(script)
        #expect(statements.count == RoundTripCorpus.statements.count)
        #expect(try SQLParser.parseScript(SQLFormatter().format(statements)) == statements)
    }

    @Test func theFormatterLaysOutClausesOnTheirOwnLines() throws {
        let statement = try SQLParser.parseStatement(
            "with a as (select x from t where x > 1) select x, count(*) n from a join b on a.x=b.x "
                + "group by x order by n desc limit 5")
        #expect(
            SQLFormatter().format(statement) == """
                WITH a AS (
                  SELECT x
                  FROM t
                  WHERE x > 1
                )
                SELECT x, count(*) AS n
                FROM a
                JOIN b ON a.x = b.x
                GROUP BY x
                ORDER BY n DESC
                LIMIT 5
                """)
    }

    @Test func parenthesesAppearOnlyWherePrecedenceNeedsThem() throws {
        for (text, formatted) in [
            ("(a + b) * c", "(a + b) * c"),
            ("a + (b * c)", "a + b * c"),
            ("a - (b - c)", "a - (b - c)"),
            ("(a - b) - c", "a - b - c"),
            ("- (-a)", "- -a"),
            ("(NOT a) = b", "(NOT a) = b"),
            ("NOT (a = b)", "NOT a = b"),
            ("(a OR b) AND c", "(a OR b) AND c"),
            ("a BETWEEN (b AND c) AND d", "a BETWEEN (b AND c) AND d"),
            ("x::int", "CAST(x AS INT)"),
        ] {
            #expect(SQLFormatter().format(try SQLParser.parseExpression(text)) == formatted)
        }
    }

    @Test func namesAreQuotedOnlyWhenNeeded() {
        #expect(SQLFormatter.quoted(Identifier("price")) == "price")
        #expect(SQLFormatter.quoted(Identifier("version")) == "version")
        #expect(SQLFormatter.quoted(Identifier("select")) == "\"select\"")
        #expect(SQLFormatter.quoted(Identifier("my col")) == "\"my col\"")
        #expect(SQLFormatter.quoted(Identifier("1st")) == "\"1st\"")
        #expect(SQLFormatter.quoted(Identifier("a\"b", isQuoted: true)) == "\"a\"\"b\"")
        #expect(SQLFormatter.quoted(string: "it's") == "'it''s'")
    }
}
