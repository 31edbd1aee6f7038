import LakeColumnar
import LakeSQL
import Testing

/// `replacingSubqueries`: what the session substitutes for evaluated subqueries, in every place a plan holds
/// expressions.
@Suite struct SubqueryReplacementTests {
    /// Answers by the subquery's first column name, recording each plan it is asked to run.
    struct Evaluator {
        var answers: [String: [Value]]
        var asked: [LogicalPlan] = []

        mutating func evaluate(_ plan: LogicalPlan) -> [Value] {
            asked.append(plan)
            return answers[plan.schema.fields[0].name] ?? []
        }
    }

    @Test func scalarsBecomeLiteralsInListsOfDistinctValuesAndExistsBooleans() throws {
        let plan = try SubqueryBindingTests.bound(
            "SELECT a, (SELECT count(*) FROM u) AS n FROM t WHERE a NOT IN (SELECT a FROM u) OR EXISTS (SELECT 1)")
        var evaluator = Evaluator(answers: ["count(*)": [.int(5)], "a": [.int(1), .null, .int(1)], "exists": []])
        let replaced = try plan.replacingSubqueries { evaluator.evaluate($0) }
        #expect(!replaced.containsSubquery)
        #expect(
            replaced.explain == """
                Project [a#0 AS a, 5 AS n]
                  Filter ((a#0 NOT IN (1, NULL)) OR FALSE)
                    Scan t@0 columns=[a, b, c, d]
                """)
        #expect(
            ConstantFolding().apply(replaced).explain == """
                Project [a#0 AS a, 5 AS n]
                  Filter (a#0 NOT IN (1, NULL))
                    Scan t@0 columns=[a, b, c, d]
                """)
        #expect(evaluator.asked.count == 3)
        // A scalar subquery is asked for at most two rows: enough to tell one from too many.
        #expect(evaluator.asked.contains { if case .limit(_, 2, 0) = $0 { true } else { false } })
    }

    @Test func scalarWithoutRowsIsNullAndWithTwoRowsFails() throws {
        let plan = try SubqueryBindingTests.bound("SELECT a FROM t WHERE d = (SELECT d FROM t)")
        let empty = try plan.replacingSubqueries { _ in [] }
        #expect(empty.explain.contains("Filter (d#3 = NULL)"))
        #expect(throws: SubqueryError.moreThanOneRow) {
            try plan.replacingSubqueries { _ in [.int(1), .int(2)] }
        }
    }

    @Test func inWithoutRowsIsFalseAndNotInTrue() throws {
        for (sql, expected) in [
            ("SELECT a FROM t WHERE a IN (SELECT a FROM u)", "Filter FALSE"),
            ("SELECT a FROM t WHERE a NOT IN (SELECT a FROM u)", "Filter TRUE"),
            ("SELECT a FROM t WHERE NOT EXISTS (SELECT a FROM u)", "Filter TRUE"),
        ] {
            let replaced = try SubqueryBindingTests.bound(sql).replacingSubqueries { _ in [] }
            #expect(replaced.explain.contains(expected), "\(sql)")
        }
    }

    @Test func nestedSubqueriesAreEvaluatedInnermostFirst() throws {
        let plan = try SubqueryBindingTests.bound(
            "SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE e < (SELECT max(e) FROM u))")
        var evaluator = Evaluator(answers: ["max(e)": [.float64(2.5)], "a": [.int(7)]])
        let replaced = try Optimizer().optimize(plan).replacingSubqueries { evaluator.evaluate($0) }
        #expect(replaced.explain == "Scan t@0 columns=[a] filters=[(a#0 IN (7))]")
        #expect(evaluator.asked.count == 2)
        #expect(evaluator.asked.allSatisfy { !$0.containsSubquery })
        #expect(evaluator.asked.last?.explain == "Scan u@0 columns=[a] filters=[(e#1 < 2.5)]")
    }

    @Test func everyExpressionOfEveryNodeIsReached() throws {
        let one = LogicalPlan.values(rows: [[.literal(.int(1), .int64)]], schema: Schema([Field("one", .int64)]))
        let scalar = BoundExpression(.scalarSubquery(one), type: .int64)
        let exists = BoundExpression(.exists(one, negated: false), type: .bool)
        let column = BoundExpression.column(0, .int64)
        let schema = Schema([Field("x", .int64)])
        let scan = LogicalPlan.scan(
            table: TableHandle(identity: "x", version: 0), tableSchema: schema, columns: [0], filters: [exists])
        let joined = LogicalPlan.join(
            .inner, scan, .values(rows: [[scalar]], schema: schema),
            equiKeys: [EquiJoinKey(left: column, right: scalar)],
            residual: BoundExpression(.inSubquery(column, one, negated: true), type: .bool))
        let aggregated = LogicalPlan.aggregate(
            .filter(joined, predicate: exists), groupKeys: [ProjectionItem(scalar, name: "k")],
            aggregates: [AggregateCall(function: "sum", arguments: [scalar], filter: exists, type: .int64, name: "s")])
        let windowed = LogicalPlan.window(
            aggregated,
            [
                WindowCall(
                    function: "sum", arguments: [scalar], filter: exists, partitionBy: [scalar],
                    orderBy: [SortKey(scalar)],
                    frame: .init(unit: .rows, start: .preceding(scalar), end: .currentRow), type: .int64, name: "w")
            ])
        let plan = LogicalPlan.distinct(
            .sort(.project(windowed, [ProjectionItem(scalar, name: "p")]), [SortKey(scalar)]), on: [scalar])
        var asked = 0
        let replaced = try plan.replacingSubqueries { _ in
            asked += 1
            return [.int(3)]
        }
        #expect(plan.containsSubquery)
        #expect(!replaced.containsSubquery)
        // scan 1, values 1, join 2, filter 1, aggregate 3, window 5 (with the frame start), project, sort, distinct 1
        #expect(asked == 16)
    }

    @Test func statementsReplaceSubqueriesInPlansAndCommandExpressions() throws {
        let statement = try BinderTestCatalog.binder.bind(
            sql: "UPDATE t SET a = (SELECT max(a) FROM u) WHERE a IN (SELECT a FROM u)")
        let table = try #require(try BinderTestCatalog.catalog.resolveTable(.name(["t"]), at: nil))
        #expect(
            try statement.replacingSubqueries { $0.schema.fields[0].name == "a" ? [.int(4)] : [.int(9)] }
                == .update(
                    UpdateCommand(
                        table: table, assignments: [ColumnAssignment(column: 0, value: .literal(.int(9), .int32))],
                        predicate: BoundExpression(
                            .inList(.column(0, .int32), [.literal(.int(4), .int32)], negated: false), type: .bool))))
    }
}
