import LakeSQL
import Testing

/// `(` may open an expression, a subquery or a parenthesized join; these inputs once went the wrong way.
@Suite struct ParenthesisAmbiguityTests {
    private let one = Query(Select(items: [.expression(.integer(1), alias: nil)]))
    private let two = Query(Select(items: [.expression(.integer(2), alias: nil)]))

    @Test func aParenthesizedExpressionMayStartWithASubquery() throws {
        #expect(
            try SQLParser.parseExpression("((SELECT 1) - b)")
                == .binary(.subtract, Expression(.subquery(one)), .column("b")))
    }

    @Test func aSubqueryMayStartWithAParenthesizedQuery() throws {
        let union = Query(
            body: .setOperation(
                SetOperation(.union, isAll: false, left: .parenthesized(one), right: .parenthesized(two))))
        #expect(try SQLParser.parseExpression("((SELECT 1) UNION (SELECT 2))") == Expression(.subquery(union)))
        #expect(
            try SQLParser.parseExpression("x IN ((SELECT 1) UNION (SELECT 2))")
                == Expression(.inSubquery(.column("x"), union, negated: false)))
        let ordered = Query(body: .parenthesized(one), orderBy: [OrderByItem(.integer(1))])
        #expect(try SQLParser.parseExpression("((SELECT 1) ORDER BY 1)") == Expression(.subquery(ordered)))
    }

    @Test func aListInInMayStartWithASubquery() throws {
        #expect(
            try SQLParser.parseExpression("x IN ((SELECT 1) + 1, 2)")
                == Expression(
                    .inList(
                        .column("x"), [.binary(.add, Expression(.subquery(one)), .integer(1)), .integer(2)],
                        negated: false)))
    }

    @Test func derivedTablesAndParenthesizedJoinsStartingWithASubquery() throws {
        func from(_ text: String) throws -> [TableReference] {
            guard case .select(let select) = try SQLParser.parseQuery("SELECT * FROM " + text).body else { return [] }
            return select.from
        }
        let union = Query(
            body: .setOperation(
                SetOperation(
                    .union, isAll: false, left: .parenthesized(one),
                    right: .select(Select(items: [.expression(.integer(2), alias: nil)])))))
        #expect(try from("((SELECT 1) UNION SELECT 2) AS u") == [.derived(union, alias: TableAlias("u"))])
        #expect(try from("((SELECT 1)) AS x") == [.derived(one, alias: TableAlias("x"))])
        #expect(
            try from("((SELECT 1) AS x JOIN t ON TRUE)")
                == [
                    .join(
                        Join(
                            .inner, left: .derived(one, alias: TableAlias("x")),
                            right: .table(.name(ObjectName("t")), timeTravel: nil, alias: nil),
                            condition: .on(.literal(.boolean(true)))))
                ])
    }

    @Test func aColumnMayBeCalledValues() throws {
        #expect(try SQLParser.parseExpression("(values)") == .column("values"))
        #expect(
            try SQLParser.parseExpression("x IN (values)")
                == Expression(.inList(.column("x"), [.column("values")], negated: false)))
    }
}
