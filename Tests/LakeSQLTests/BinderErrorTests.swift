import LakeSQL
import Testing

/// Binder errors: kind, message, line and column, and the "did you mean" suggestion.
@Suite struct BinderErrorTests {
    static let cases: [(sql: String, message: String)] = [
        (
            "SELECT prise_usd FROM silver.fact_crypto_market",
            "unknown column 'prise_usd' (did you mean price_usd?) at line 1, column 8"
        ),
        (
            "SELECT f.prise_usd FROM silver.fact_crypto_market f",
            "unknown column 'f.prise_usd' (did you mean f.price_usd?) at line 1, column 8"
        ),
        ("SELECT x.a FROM t", "unknown column 'x.a' (did you mean t.a?) at line 1, column 8"),
        (
            "SELECT a\nFROM t JOIN u ON t.a = u.a",
            "column reference 'a' is ambiguous: it could be t.a or u.a at line 1, column 8"
        ),
        (
            "SELECT *\nFROM silver.fact_crypto_markt",
            "unknown table 'silver.fact_crypto_markt' (did you mean silver.fact_crypto_market?) at line 2, column 6"
        ),
        ("SELECT a FROM t WHERE sum(a) > 1", "aggregate function sum is not allowed in WHERE at line 1, column 23"),
        (
            "SELECT a FROM t GROUP BY count(*)",
            "aggregate function count is not allowed in GROUP BY at line 1, column 26"
        ),
        (
            "SELECT sum(sum(a)) FROM t",
            "aggregate function sum is not allowed in aggregate arguments at line 1, column 12"
        ),
        (
            "SELECT a FROM t WHERE row_number() OVER () = 1",
            "window function row_number is not allowed in WHERE at line 1, column 23"
        ),
        (
            "SELECT a, count(*) FROM t",
            "column 'a' must appear in GROUP BY or be used in an aggregate function at line 1, column 8"
        ),
        (
            "SELECT b,\n       a FROM t GROUP BY b",
            "column 'a' must appear in GROUP BY or be used in an aggregate function at line 2, column 8"
        ),
        (
            "SELECT lower(a) FROM t",
            "type mismatch: function lower expects a string as argument 1, found int32 at line 1, column 14"
        ),
        (
            "SELECT substring(b) FROM t",
            "function substring takes 2 or 3 arguments, found 1 argument at line 1, column 8"
        ),
        ("SELECT b + 1 FROM t", "type mismatch: '+' needs numbers, found utf8 + int64 at line 1, column 8"),
        ("SELECT a FROM t WHERE b", "type mismatch: expected a boolean, found utf8 at line 1, column 23"),
        ("SELECT a FROM t WHERE d = 5", "type mismatch: cannot compare date32 with int64 in '=' at line 1, column 23"),
        ("SELECT lowr(b) FROM t", "unknown function 'lowr' (did you mean lower?) at line 1, column 8"),
        ("SELECT CAST(a AS WIBBLE) FROM t", "unknown type 'WIBBLE' at line 1, column 8"),
        ("SELECT DATE '2024-02-30'", "invalid literal '2024-02-30': not a valid date at line 1, column 8"),
        ("SELECT a FROM t ORDER BY 3", "position 3 is not in the SELECT list, which has 1 item at line 1, column 26"),
        ("SELECT \"A\" FROM t", "unknown column '\"A\"' (did you mean a?) at line 1, column 8"),
        ("SELECT \"mixed\" FROM u", "unknown column '\"mixed\"' (did you mean Mixed?) at line 1, column 8"),
        ("SELECT a FROM t UNION SELECT a, e FROM u", "UNION needs 1 column, found 2 at line 1, column 1"),
        (
            "SELECT * FROM silver.fact_crypto_market VERSION AS OF 7",
            "cannot read table 'silver.fact_crypto_market': version 7 does not exist; the latest is 1 at line 1, column 15"
        ),
        ("SELECT rank() FROM t", "type mismatch: window function rank needs an OVER clause at line 1, column 8"),
        (
            "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a > t.a)",
            "correlated subquery is not supported at line 1, column 59"
        ),
        (
            "SELECT a FROM t WHERE a = 1 OR EXISTS (SELECT 1 FROM u WHERE u.a = t.a)",
            "correlated subquery is not supported at line 1, column 68"
        ),
        (
            "SELECT (SELECT max(e) FROM u WHERE u.a = t.a) FROM t",
            "correlated subquery is not supported at line 1, column 42"
        ),
        (
            "SELECT a FROM t WHERE a NOT IN (SELECT a FROM u WHERE u.e = t.c)",
            "correlated subquery is not supported at line 1, column 61"
        ),
        (
            "SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE e > c)",
            "correlated subquery is not supported at line 1, column 55"
        ),
        (
            "SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE EXISTS (SELECT 1 FROM u AS v WHERE v.e = t.c))",
            "correlated subquery is not supported at line 1, column 92"
        ),
        (
            "SELECT (SELECT max(x) FROM (SELECT e + a AS x FROM u WHERE Mixed = b) AS s) FROM t",
            "correlated subquery is not supported at line 1, column 68"
        ),
        ("SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE zz > 1)", "unknown column 'zz' at line 1, column 51"),
        (
            "SELECT a FROM t WHERE a = (SELECT a, e FROM u)",
            "a subquery used as a value needs 1 column, found 2 at line 1, column 27"
        ),
        ("SELECT a FROM t WHERE b IN (SELECT e FROM u)", "type mismatch: IN mixes utf8 and float64 at line 1, column 23"),
        ("DELETE FROM t WHERE q = 1", "unknown column 'q' (did you mean a?) at line 1, column 21"),
        ("INSERT INTO t (a, zz) VALUES (1, 2)", "unknown column 'zz' at line 1, column 19"),
        ("INSERT INTO t VALUES (1, 'x')", "INSERT INTO t needs 4 columns, found 2 at line 1, column 1"),
        (
            "UPDATE t SET a = 'x' || b",
            "type mismatch: column 'a' is int32; the value is utf8 at line 1, column 18"
        ),
    ]

    @Test(arguments: cases)
    func bindingFailsWithLocatedMessage(sql: String, message: String) {
        #expect(BinderTestCatalog.error(sql) == message)
    }

    @Test func unknownColumnCarriesKindAndSuggestion() throws {
        let error = #expect(throws: SQLError.self) {
            try BinderTestCatalog.binder.bind(sql: "SELECT symbl FROM silver.fact_crypto_market")
        }
        #expect(error?.kind == .unknownColumn("symbl", suggestion: "symbol"))
        #expect(error?.location == SourceLocation(line: 1, column: 8, offset: 7))
        #expect(error?.length == 5)
    }

    @Test func renderedErrorPointsAtTheName() throws {
        let sql = "SELECT crypto_id,\n       prise_usd\nFROM silver.fact_crypto_market"
        let error = #expect(throws: SQLError.self) { try BinderTestCatalog.binder.bind(sql: sql) }
        #expect(
            error?.rendered(in: sql) == """
                error: unknown column 'prise_usd' (did you mean price_usd?)
                 --> line 2, column 8
                  |
                2 |        prise_usd
                  |        ^^^^^^^^^
                """)
    }

    @Test func ambiguousColumnNamesEveryCandidate() throws {
        let error = #expect(throws: SQLError.self) {
            try BinderTestCatalog.binder.bind(sql: "SELECT a FROM t, u, t AS t2")
        }
        #expect(error?.kind == .ambiguousColumn("a", candidates: ["t.a", "u.a", "t2.a"]))
    }
}

/// Names in column lists carry their own location.
@Suite struct ColumnListErrorTests {
    @Test func usingColumnErrorsPointAtTheName() {
        #expect(
            BinderTestCatalog.error("SELECT * FROM u JOIN u AS v USING (a, mixd)")
                == "unknown column 'mixd' (did you mean Mixed?) at line 1, column 39")
        #expect(
            BinderTestCatalog.error("SELECT * FROM t JOIN u USING (b)")
                == "unknown column 'b' (did you mean a?) at line 1, column 31")
    }

    @Test func insertColumnListedTwiceIsAnError() {
        #expect(
            BinderTestCatalog.error("INSERT INTO t (a, a) VALUES (1, 2)")
                == "type mismatch: column 'a' is listed twice at line 1, column 19")
    }
}
