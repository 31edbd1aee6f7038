import LakeSQL
import Testing

@Suite struct ExpressionParsingTests {
    private func parse(_ text: String) throws -> Expression { try SQLParser.parseExpression(text) }
    private func column(_ name: String) -> Expression { .column(name) }

    @Test func multiplicationBindsTighterThanAdditionAndBothAreLeftAssociative() throws {
        #expect(
            try parse("a + b * c - d")
                == .binary(
                    .subtract, .binary(.add, column("a"), .binary(.multiply, column("b"), column("c"))), column("d")))
        #expect(try parse("a / b / c") == .binary(.divide, .binary(.divide, column("a"), column("b")), column("c")))
    }

    @Test func booleanOperatorsFollowNotAndOr() throws {
        let expected = Expression.binary(
            .or, .binary(.and, Expression(.unary(.not, .binary(.equal, column("a"), .integer(1)))), column("b")),
            column("c"))
        #expect(try parse("NOT a = 1 AND b OR c") == expected)
    }

    @Test func concatenationBindsLooserThanArithmetic() throws {
        #expect(
            try parse("'x' || 1 + 2")
                == .binary(.concatenate, .string("x"), .binary(.add, .integer(1), .integer(2))))
    }

    @Test func unaryMinusBindsTighterThanMultiplicationButLooserThanCast() throws {
        #expect(
            try parse("-a * b")
                == .binary(.multiply, Expression(.unary(.negate, column("a"))), column("b")))
        #expect(try parse("-a::int") == Expression(.unary(.negate, Expression(.cast(column("a"), TypeName("INT"))))))
    }

    @Test func notEqualHasTwoSpellings() throws {
        #expect(try parse("a != b") == parse("a <> b"))
    }

    @Test func predicatesParseWithTheirNegations() throws {
        #expect(try parse("a IS NULL") == Expression(.isNull(column("a"), negated: false)))
        #expect(try parse("a IS NOT NULL") == Expression(.isNull(column("a"), negated: true)))
        #expect(
            try parse("a NOT IN (1, 2)") == Expression(.inList(column("a"), [.integer(1), .integer(2)], negated: true)))
        #expect(
            try parse("a BETWEEN 1 AND 2 AND b")
                == .binary(
                    .and, Expression(.between(column("a"), low: .integer(1), high: .integer(2), negated: false)),
                    column("b")))
        #expect(
            try parse("name NOT LIKE 'B%'")
                == Expression(.like(column("name"), pattern: .string("B%"), caseInsensitive: false, negated: true)))
        #expect(
            try parse("name ILIKE 'b%'")
                == Expression(.like(column("name"), pattern: .string("b%"), caseInsensitive: true, negated: false)))
        #expect(
            try parse("a IS NOT DISTINCT FROM b")
                == Expression(.isDistinctFrom(column("a"), column("b"), negated: true)))
    }

    @Test func literalsTakeTheNarrowestExactForm() throws {
        #expect(try parse("42") == .integer(42))
        #expect(try parse("1.50") == .literal(.decimal("1.50")))
        #expect(try parse("9223372036854775808") == .literal(.decimal("9223372036854775808")))
        #expect(try parse("2.5e3") == .literal(.double(2500)))
        #expect(try parse("TRUE") == .literal(.boolean(true)))
        #expect(try parse("null") == .literal(.null))
        #expect(try parse("DATE '2024-01-31'") == .literal(.typed(TypeName("DATE"), "2024-01-31")))
        #expect(try parse("-5") == Expression(.unary(.negate, .integer(5))))
    }

    @Test func intervalsAcceptThreeSpellings() throws {
        let threeDays = Expression.literal(.interval(IntervalLiteral(components: [.init(quantity: 3, unit: .day)])))
        #expect(try parse("INTERVAL '3 days'") == threeDays)
        #expect(try parse("INTERVAL '3' DAY") == threeDays)
        #expect(try parse("interval 3 days") == threeDays)
        #expect(
            try parse("INTERVAL '1 hour -30 minutes'")
                == .literal(
                    .interval(
                        IntervalLiteral(components: [
                            .init(quantity: 1, unit: .hour), .init(quantity: -30, unit: .minute),
                        ]))))
    }

    @Test func searchedAndSimpleCase() throws {
        #expect(
            try parse("CASE WHEN a > 0 THEN 'up' ELSE 'down' END")
                == Expression(
                    .caseWhen(
                        CaseExpression(
                            branches: [.init(when: .binary(.greater, column("a"), .integer(0)), then: .string("up"))],
                            elseResult: .string("down")))))
        #expect(
            try parse("CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END")
                == Expression(
                    .caseWhen(
                        CaseExpression(
                            operand: column("a"),
                            branches: [
                                .init(when: .integer(1), then: .string("one")),
                                .init(when: .integer(2), then: .string("two")),
                            ]))))
    }

    @Test func castsHaveTwoSpellingsAndMultiWordTypes() throws {
        #expect(
            try parse("CAST(a AS DECIMAL(18, 2))")
                == Expression(.cast(column("a"), TypeName("DECIMAL", parameters: [18, 2]))))
        #expect(try parse("a::decimal(18,2)") == parse("CAST(a AS DECIMAL(18, 2))"))
        #expect(try parse("TRY_CAST(a AS int)") == Expression(.tryCast(column("a"), TypeName("INT"))))
        #expect(try parse("try_cast + 1") == .binary(.add, column("try_cast"), .integer(1)))
        #expect(
            try parse("CAST(a AS double precision)") == Expression(.cast(column("a"), TypeName("DOUBLE PRECISION"))))
        #expect(
            try parse("CAST(a AS timestamp with time zone)")
                == Expression(.cast(column("a"), TypeName("TIMESTAMP WITH TIME ZONE"))))
    }

    @Test func functionCallsIncludingCountStarAndDistinct() throws {
        #expect(
            try parse("count(*)") == Expression(.function(FunctionCall(name: ObjectName("count"), arguments: .star))))
        #expect(
            try parse("count(DISTINCT id)")
                == Expression(
                    .function(
                        FunctionCall(name: ObjectName("count"), arguments: .list([column("id")]), isDistinct: true))))
        #expect(try parse("now()") == .function("now", []))
        #expect(try parse("coalesce(a, 0)") == .function("coalesce", [column("a"), .integer(0)]))
        #expect(try parse("left(s, 3)") == .function("left", [column("s"), .integer(3)]))
        #expect(
            try parse("count(*) FILTER (WHERE up)")
                == Expression(
                    .function(FunctionCall(name: ObjectName("count"), arguments: .star, filter: column("up")))))
    }

    @Test func windowFunctionsWithPartitionOrderAndFrame() throws {
        let parsed = try parse(
            "avg(price) OVER (PARTITION BY id ORDER BY ts DESC NULLS LAST ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)")
        let window = WindowSpecification(
            partitionBy: [column("id")], orderBy: [OrderByItem(column("ts"), direction: .descending, nulls: .last)],
            frame: WindowFrame(unit: .rows, start: .preceding(.integer(6)), end: .currentRow))
        #expect(
            parsed
                == Expression(
                    .function(
                        FunctionCall(name: ObjectName("avg"), arguments: .list([column("price")]), window: window))))
        #expect(
            try parse("lag(price, 1) OVER (PARTITION BY id ORDER BY ts)")
                == Expression(
                    .function(
                        FunctionCall(
                            name: ObjectName("lag"), arguments: .list([column("price"), .integer(1)]),
                            window: WindowSpecification(
                                partitionBy: [column("id")], orderBy: [OrderByItem(column("ts"))])))))
        #expect(throws: Never.self) { try parse("sum(x) OVER (ORDER BY ts RANGE UNBOUNDED PRECEDING)") }
        #expect(throws: Never.self) { try parse("rank() OVER ()") }
    }

    @Test func extractTakesAFieldNamedInAnyForm() throws {
        #expect(try parse("EXTRACT(year FROM ts)") == Expression(.extract(.year, column("ts"))))
        #expect(try parse("extract(DOW from ts)") == Expression(.extract(.dayOfWeek, column("ts"))))
        #expect(try parse("extract('epoch' FROM ts)") == Expression(.extract(.epoch, column("ts"))))
    }

    @Test func nonReservedKeywordsServeAsColumnNames() throws {
        #expect(try parse("version + date") == .binary(.add, column("version"), column("date")))
        #expect(try parse("t.timestamp") == .column("t", "timestamp"))
        #expect(try parse("\"select\"") == Expression(.column(ObjectName([Identifier("select", isQuoted: true)]))))
    }

    @Test func subqueriesAndExists() throws {
        #expect(throws: Never.self) { try parse("a IN (SELECT id FROM t)") }
        #expect(throws: Never.self) { try parse("NOT EXISTS (SELECT 1 FROM t WHERE t.id = u.id)") }
        #expect(throws: Never.self) { try parse("(SELECT max(x) FROM t) + 1") }
    }

    @Test func expressionsRecordWhereTheyStart() throws {
        let parsed = try parse("1 +\n  price")
        guard case .binary(_, let left, let right) = parsed.kind else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(parsed.location == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(left.location.column == 1)
        #expect(right.location == SourceLocation(line: 2, column: 3, offset: 6))
    }
}
