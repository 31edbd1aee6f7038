import LakeColumnar
import LakeSQL
import Testing

/// Subqueries used as values: scalar, IN and EXISTS plans, outer CTEs inside them, and the optimizer treating
/// each subquery's plan as a plan of its own. Correlation and shape errors are in `BinderErrorTests`.
@Suite struct SubqueryBindingTests {
    static func bound(_ sql: String) throws -> LogicalPlan {
        guard case .query(let plan) = try BinderTestCatalog.binder.bind(sql: sql) else {
            throw SQLError(.unsupported("not a query"), at: .start, length: 0)
        }
        return plan
    }

    @Test func scalarSubqueryTakesItsColumnsTypeAndIsOptimizedAsAPlanOfItsOwn() throws {
        let plan = try Self.bound("SELECT a FROM t WHERE d < (SELECT max(d) FROM t)")
        #expect(
            plan.explain == """
                Project [a#0 AS a]
                  Filter (d#3 < $1)
                    Subquery $1
                      Project [max(d)#0 AS max(d)]
                        Aggregate keys=[] aggregates=[max(d#3) AS max(d)]
                          Scan t@0 columns=[a, b, c, d]
                    Scan t@0 columns=[a, b, c, d]
                """)
        guard case .project(.filter(_, let predicate), _) = plan,
            case .binary(.less, _, let right) = predicate.kind, case .scalarSubquery(let inner) = right.kind
        else {
            Issue.record("expected a filter comparing with a scalar subquery")
            return
        }
        #expect(right.type == .date32)
        #expect(inner.schema.fields.map(\.name) == ["max(d)"])
        #expect(
            Optimizer().optimize(plan).explain == """
                Scan t@0 columns=[a] filters=[(d#3 < $1)]
                  Subquery $1
                    Aggregate keys=[] aggregates=[max(d#0) AS max(d)]
                      Scan t@0 columns=[d]
                """)
    }

    @Test func inSubqueryConvertsTheSubqueryColumnToTheCommonType() throws {
        let plan = try Self.bound("SELECT a FROM t WHERE c NOT IN (SELECT a FROM u WHERE e > 1)")
        #expect(
            Optimizer().optimize(plan).explain == """
                Scan t@0 columns=[a] filters=[(c#2 NOT IN $1)]
                  Subquery $1
                    Project [CAST(a#0 AS decimal(18,2)) AS a]
                      Scan u@0 columns=[a] filters=[(e#1 > 1.0)]
                """)
    }

    @Test func existsReadsAtMostOneConstantRowAndNotExistsIsItsNegation() throws {
        let plan = try Self.bound("SELECT a FROM t WHERE NOT EXISTS (SELECT * FROM u WHERE e > 1)")
        guard case .project(.filter(_, let predicate), _) = plan, case .exists(_, let negated) = predicate.kind else {
            Issue.record("expected a filter on NOT EXISTS")
            return
        }
        #expect(negated)
        #expect(
            Optimizer().optimize(plan).explain == """
                Scan t@0 columns=[a] filters=[(NOT EXISTS $1)]
                  Subquery $1
                    Limit count=1
                      Project [TRUE AS exists]
                        Scan u@0 columns=[] filters=[(e#1 > 1.0)]
                """)
    }

    @Test func commonTableExpressionsOfTheOuterQueryAreVisibleInside() throws {
        let plan = try Self.bound(
            "WITH m AS (SELECT max(d) AS top FROM t) SELECT a FROM t WHERE d = (SELECT top FROM m)")
        #expect(
            Optimizer().optimize(plan).explain == """
                Scan t@0 columns=[a] filters=[(d#3 = $1)]
                  Subquery $1
                    Project [max(d)#0 AS top]
                      Aggregate keys=[] aggregates=[max(d#0) AS max(d)]
                        Scan t@0 columns=[d]
                """)
    }

    @Test func groupedQueriesUseSubqueriesInTheirListAndHaving() throws {
        let sql = """
            SELECT a, count(*) AS n, (SELECT max(e) FROM u) AS top FROM t
            GROUP BY a HAVING count(*) > (SELECT count(*) FROM u)
            """
        #expect(
            Optimizer().optimize(try Self.bound(sql)).explain == """
                Project [a#0 AS a, count(*)#1 AS n, $1 AS top]
                  Subquery $1
                    Aggregate keys=[] aggregates=[max(e#0) AS max(e)]
                      Scan u@0 columns=[e]
                  Filter (count(*)#1 > $2)
                    Subquery $2
                      Aggregate keys=[] aggregates=[count(*) AS count(*)]
                        Scan u@0 columns=[]
                    Aggregate keys=[a#0 AS a] aggregates=[count(*) AS count(*)]
                      Scan t@0 columns=[a]
                """)
    }

    @Test func explainLabelsASubqueryCopiedIntoBothSidesOfAUnionOnce() throws {
        let plan = try Self.bound(
            "SELECT * FROM (SELECT a FROM t UNION ALL SELECT a FROM u) AS s WHERE a < (SELECT max(a) FROM u)")
        #expect(
            Optimizer().optimize(plan).explain == """
                Union all
                  Scan t@0 columns=[a] filters=[(a#0 < $1)]
                    Subquery $1
                      Aggregate keys=[] aggregates=[max(a#0) AS max(a)]
                        Scan u@0 columns=[a]
                  Scan u@0 columns=[a] filters=[(a#0 < $1)]
                """)
    }

    @Test func nestedSubqueriesAreOptimizedAndLabelledInOrder() throws {
        let plan = try Self.bound("SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE e < (SELECT max(e) FROM u))")
        #expect(
            Optimizer().optimize(plan).explain == """
                Scan t@0 columns=[a] filters=[(a#0 IN $1)]
                  Subquery $1
                    Scan u@0 columns=[a] filters=[(e#1 < $2)]
                      Subquery $2
                        Aggregate keys=[] aggregates=[max(e#0) AS max(e)]
                          Scan u@0 columns=[e]
                """)
    }

    @Test func commandPredicatesBindSubqueriesAndTheOptimizerReachesThem() throws {
        let statement = try BinderTestCatalog.binder.bind(sql: "DELETE FROM t WHERE a IN (SELECT a FROM u WHERE e > 0)")
        guard case .deleteFrom(let command) = Optimizer().optimize(statement),
            case .inSubquery(_, let inner, false)? = command.predicate?.kind
        else {
            Issue.record("expected DELETE with an IN subquery")
            return
        }
        #expect(inner.explain == "Scan u@0 columns=[a] filters=[(e#1 > 0.0)]")
    }
}

/// Subqueries correlated through equalities in WHERE conjuncts, planned as semi and anti joins.
@Suite struct CorrelatedSubqueryTests {
    @Test func notExistsOnAnEqualityIsAnAntiJoin() throws {
        let plan = try SubqueryBindingTests.bound("SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.a = t.a)")
        #expect(
            plan.explain == """
                Project [a#0 AS a]
                  Join anti keys=[a#0 = a#0]
                    Scan t@0 columns=[a, b, c, d]
                    Scan u@0 columns=[a, e, Mixed]
                """)
    }

    @Test func existsKeepsTheSubquerysOwnFiltersAndTheOtherConjuncts() throws {
        let plan = try SubqueryBindingTests.bound(
            "SELECT a FROM t WHERE b = 'x' AND EXISTS (SELECT * FROM u WHERE t.c = e AND e > 1) AND a > 2")
        #expect(
            plan.explain == """
                Project [a#0 AS a]
                  Filter ((b#1 = 'x') AND (a#0 > 2))
                    Join semi keys=[CAST(c#2 AS float64) = e#1]
                      Scan t@0 columns=[a, b, c, d]
                      Filter (e#1 > 1.0)
                        Scan u@0 columns=[a, e, Mixed]
                """)
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [a#0 AS a]
                  Join semi keys=[CAST(c#1 AS float64) = e#0]
                    Scan t@0 columns=[a, c] filters=[(b#1 = 'x'), (a#0 > 2)]
                    Scan u@0 columns=[e] filters=[(e#1 > 1.0)]
                """)
    }

    @Test func correlatedInIsASemiJoinOnTheValueAndTheCorrelation() throws {
        let plan = try SubqueryBindingTests.bound("SELECT a FROM t WHERE c IN (SELECT e FROM u WHERE u.a = t.a)")
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [a#0 AS a]
                  Join semi keys=[CAST(c#1 AS float64) = e#1, a#0 = a#0]
                    Scan t@0 columns=[a, c]
                    Scan u@0 columns=[a, e]
                """)
    }

    @Test func theOperandOfInBelongsToTheOuterQueryEvenWhenTheSubqueryHasItsName() throws {
        let plan = try SubqueryBindingTests.bound("SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE u.e = t.c)")
        #expect(
            Optimizer().optimize(plan).explain == """
                Project [a#0 AS a]
                  Join semi keys=[a#0 = a#0, CAST(c#1 AS float64) = e#1]
                    Scan t@0 columns=[a, c]
                    Scan u@0 columns=[a, e]
                """)
    }

    @Test func uncorrelatedSubqueriesStayValues() throws {
        let plan = try SubqueryBindingTests.bound("SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = 1)")
        guard case .project(.filter(_, let predicate), _) = plan, case .exists = predicate.kind else {
            Issue.record("expected EXISTS as a value")
            return
        }
    }

    @Test func anAggregatingSubqueryIsNotRewritten() throws {
        // `EXISTS (SELECT max(e) ...)` always has one row; a semi join would drop rows without matches.
        #expect(
            BinderTestCatalog.error("SELECT a FROM t WHERE EXISTS (SELECT max(e) FROM u WHERE u.a = t.a)")
                == "correlated subquery is not supported at line 1, column 64")
    }
}
