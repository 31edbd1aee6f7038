import LakeSQL
import Testing

@Suite struct QueryParsingTests {
    private func query(_ text: String) throws -> Query { try SQLParser.parseQuery(text) }

    private func select(_ text: String) throws -> Select {
        guard case .select(let select) = try query(text).body else {
            Issue.record("expected a SELECT body")
            return Select(items: [.wildcard])
        }
        return select
    }

    private func table(_ parts: String..., alias: String? = nil, timeTravel: TimeTravel? = nil) -> TableReference {
        .table(
            .name(ObjectName(parts.map { Identifier($0) })), timeTravel: timeTravel,
            alias: alias.map { TableAlias(Identifier($0)) })
    }

    @Test func selectListWithAliasesAndWildcards() throws {
        let parsed = try select("SELECT DISTINCT a, b AS total, c price, *, t.*, s.t.* FROM t")
        #expect(parsed.isDistinct)
        #expect(
            parsed.items == [
                .expression(.column("a"), alias: nil), .expression(.column("b"), alias: "total"),
                .expression(.column("c"), alias: "price"), .wildcard, .qualifiedWildcard(ObjectName("t")),
                .qualifiedWildcard(ObjectName("s", "t")),
            ])
    }

    @Test func allClausesOfASelect() throws {
        let parsed = try query(
            """
            SELECT id, sum(v) AS s FROM silver.fact_x WHERE v > 0 GROUP BY id HAVING sum(v) > 10
            ORDER BY s DESC, id NULLS FIRST LIMIT 10 OFFSET 5
            """)
        guard case .select(let select) = parsed.body else {
            Issue.record("expected a SELECT")
            return
        }
        #expect(select.from == [table("silver", "fact_x")])
        #expect(select.filter == .binary(.greater, .column("v"), .integer(0)))
        #expect(select.groupBy == [.column("id")])
        #expect(select.having == .binary(.greater, .function("sum", [.column("v")]), .integer(10)))
        #expect(
            parsed.orderBy == [
                OrderByItem(.column("s"), direction: .descending), OrderByItem(.column("id"), nulls: .first),
            ])
        #expect(parsed.limit == .integer(10))
        #expect(parsed.offset == .integer(5))
    }

    @Test func tablesByNameOrPathWithTimeTravel() throws {
        #expect(
            try select("SELECT * FROM t VERSION AS OF 12 AS old").from
                == [table("t", alias: "old", timeTravel: .version(12))])
        #expect(
            try select("SELECT * FROM silver.t TIMESTAMP AS OF '2024-01-31 00:00:00' x").from
                == [table("silver", "t", alias: "x", timeTravel: .timestamp("2024-01-31 00:00:00"))])
        #expect(
            try select("SELECT * FROM '/data/lake/t' AS t").from
                == [.table(.path("/data/lake/t"), timeTravel: nil, alias: TableAlias("t"))])
        // A table named like a non-reserved keyword.
        #expect(try select("SELECT * FROM version").from == [table("version")])
    }

    @Test func joinsOfEveryKindAssociateToTheLeft() throws {
        let from = try select(
            """
            SELECT * FROM a JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id) CROSS JOIN d
            FULL JOIN e ON true RIGHT JOIN f ON true LEFT SEMI JOIN g ON true ANTI JOIN h ON false
            """
        ).from
        guard case .join(let anti)? = from.first, case .join(let semi) = anti.left, case .join(let right) = semi.left,
            case .join(let full) = right.left, case .join(let cross) = full.left, case .join(let left) = cross.left,
            case .join(let inner) = left.left
        else {
            Issue.record("expected a left-deep chain of joins")
            return
        }
        #expect(
            [inner.kind, left.kind, cross.kind, full.kind, right.kind, semi.kind, anti.kind] == [
                .inner, .left, .cross, .full, .right, .semi, .anti,
            ])
        #expect(inner.condition == .on(.binary(.equal, .column("a", "id"), .column("b", "id"))))
        #expect(left.condition == .using(["id"]))
        #expect(cross.condition == nil)
        #expect(inner.left == table("a"))
    }

    @Test func parenthesizedJoinsNestOnTheRight() throws {
        let from = try select("SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y").from
        guard case .join(let outer)? = from.first, case .join(let inner) = outer.right else {
            Issue.record("expected a join on the right")
            return
        }
        #expect(inner.left == table("b"))
    }

    @Test func subqueriesInFromTakeAliasesWithColumns() throws {
        let from = try select("SELECT * FROM (SELECT 1, 2) AS v(a, b), t").from
        #expect(from.count == 2)
        guard case .derived(_, let alias)? = from.first else {
            Issue.record("expected a derived table")
            return
        }
        #expect(alias == TableAlias("v", columns: ["a", "b"]))
    }

    @Test func commonTableExpressions() throws {
        let parsed = try query("WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b")
        #expect(parsed.commonTableExpressions.map(\.name) == ["a", "b"])
        #expect(parsed.commonTableExpressions[1].columns == ["y"])
    }

    @Test func intersectBindsTighterThanUnion() throws {
        let parsed = try query("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4 ORDER BY 1")
        guard case .setOperation(let except) = parsed.body, case .setOperation(let union) = except.left,
            case .setOperation(let intersect) = union.right
        else {
            Issue.record("expected (1 UNION ALL (2 INTERSECT 3)) EXCEPT 4")
            return
        }
        #expect(except.op == .except && !except.isAll)
        #expect(union.op == .union && union.isAll)
        #expect(intersect.op == .intersect)
        #expect(parsed.orderBy == [OrderByItem(.integer(1))])
    }

    @Test func parenthesizedQueriesKeepTheirOwnLimit() throws {
        let parsed = try query("(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u)")
        guard case .setOperation(let union) = parsed.body, case .parenthesized(let left) = union.left else {
            Issue.record("expected a union of parenthesized queries")
            return
        }
        #expect(left.limit == .integer(1))
        #expect(parsed.limit == nil)
    }

    @Test func valuesRowsMustHaveEqualWidth() throws {
        #expect(
            try query("VALUES (1, 'a'), (2, 'b')").body
                == .values([[.integer(1), .string("a")], [.integer(2), .string("b")]]))
        #expect(throws: SQLError.self) { try query("VALUES (1, 2), (3)") }
    }
}
