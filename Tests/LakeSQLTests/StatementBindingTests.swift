import LakeColumnar
import LakeSQL
import Testing

/// DDL and DML bound to plan-level commands for the session to dispatch.
@Suite struct StatementBindingTests {
    static func bind(_ sql: String) throws -> BoundStatement {
        try BinderTestCatalog.binder.bind(sql: sql)
    }

    static let market = TableHandle(identity: "silver.fact_crypto_market", version: 1)

    @Test func showTablesKeepsTheSchemaAsWritten() throws {
        #expect(try Self.bind("SHOW TABLES") == .showTables(schema: nil))
        #expect(try Self.bind("SHOW TABLES FROM Silver") == .showTables(schema: "Silver"))
        #expect(try Self.bind("EXPLAIN SHOW TABLES") == .explain(.showTables(schema: nil)))
    }

    @Test func tableMaintenanceStatementsNameResolvedTables() throws {
        #expect(
            try Self.bind("DESCRIBE HISTORY silver.fact_crypto_market LIMIT 3")
                == .describeHistory(Self.market, limit: 3))
        #expect(
            try Self.bind("VACUUM silver.fact_crypto_market RETAIN 168 HOURS DRY RUN")
                == .vacuum(Self.market, retentionHours: 168, isDryRun: true))
        #expect(
            try Self.bind("RESTORE TABLE silver.fact_crypto_market TO VERSION AS OF 0")
                == .restore(Self.market, to: .version(0)))
        guard case .describe(let table) = try Self.bind("DESCRIBE silver.fact_crypto_market") else {
            Issue.record("expected DESCRIBE")
            return
        }
        #expect(table.schema == BinderTestCatalog.market)
        #expect(table.partitionColumns == ["day"])
    }

    @Test func optimizeChecksPartitionFilterAndZOrderColumns() throws {
        guard
            case .optimize(let command) = try Self.bind(
                "OPTIMIZE silver.fact_crypto_market WHERE day >= '2024-01-01' ZORDER BY (crypto_id, snapshot_timestamp)"
            )
        else {
            Issue.record("expected OPTIMIZE")
            return
        }
        #expect(command.zOrderColumns == [1, 0])
        #expect(command.partitionFilter?.text(in: BinderTestCatalog.market) == "(day#6 >= DATE '2024-01-01')")
        #expect(
            BinderTestCatalog.error("OPTIMIZE silver.fact_crypto_market WHERE price_usd > 1")
                == "OPTIMIZE ... WHERE on 'price_usd', which is not a partition column is not supported at line 1, column 42"
        )
        #expect(
            BinderTestCatalog.error("OPTIMIZE t ZORDER BY (bb)")
                == "unknown column 'bb' (did you mean b?) at line 1, column 23")
    }

    @Test func deleteBindsItsPredicateOverTheTable() throws {
        guard
            case .deleteFrom(let command) = try Self.bind(
                "DELETE FROM silver.fact_crypto_market WHERE snapshot_timestamp < TIMESTAMP '2023-01-01 00:00:00'")
        else {
            Issue.record("expected DELETE")
            return
        }
        #expect(command.table.handle == Self.market)
        #expect(
            command.predicate?.text(in: BinderTestCatalog.market)
                == "(snapshot_timestamp#0 < TIMESTAMP '2023-01-01 00:00:00')")
        guard case .deleteFrom(let all) = try Self.bind("DELETE FROM t") else { return }
        #expect(all.predicate == nil)
    }

    @Test func insertMapsListedColumnsAndFillsTheRestWithNull() throws {
        guard case .insertInto(let command) = try Self.bind("INSERT INTO t (b, a) VALUES ('x', 1), ('y', 2)") else {
            Issue.record("expected INSERT")
            return
        }
        #expect(!command.isOverwrite)
        #expect(
            command.query.explain == """
                Project [CAST(column2#1 AS int32) AS a, column1#0 AS b, NULL AS c, NULL AS d]
                  Values [column1, column2] ('x', 1), ('y', 2)
                """)
        #expect(command.query.schema.fields.map(\.type) == BinderTestCatalog.small.fields.map(\.type))
        guard case .insertInto(let overwrite) = try Self.bind("INSERT OVERWRITE t SELECT * FROM t WHERE a > 1") else {
            return
        }
        #expect(overwrite.isOverwrite)
    }

    @Test func createTableAsKeepsTheQueryAndPartitionColumns() throws {
        guard
            case .createTableAs(let command) = try Self.bind(
                """
                CREATE OR REPLACE TABLE silver.fact_daily PARTITIONED BY (day) AS
                SELECT crypto_id, CAST(snapshot_timestamp AS DATE) AS day, avg(price_usd) AS avg_price
                FROM silver.fact_crypto_market GROUP BY 1, 2
                """)
        else {
            Issue.record("expected CREATE TABLE AS")
            return
        }
        #expect(command.target == .name(["silver", "fact_daily"]))
        #expect(command.existing == nil)
        #expect(command.orReplace)
        #expect(command.partitionColumns == [1])
        #expect(command.query.schema.fields.map(\.name) == ["crypto_id", "day", "avg_price"])
        guard case .createTableAs(let existing) = try Self.bind("CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS a") else {
            return
        }
        #expect(existing.existing == TableHandle(identity: "t", version: 0))
    }

    @Test func updateBindsAssignmentsWithConversions() throws {
        guard case .update(let command) = try Self.bind("UPDATE t AS x SET a = a * 2, x.b = upper(x.b) WHERE d IS NULL")
        else {
            Issue.record("expected UPDATE")
            return
        }
        let schema = BinderTestCatalog.small
        #expect(command.assignments.map(\.column) == [0, 1])
        #expect(
            command.assignments.map { $0.value.text(in: schema) } == [
                "CAST((CAST(a#0 AS int64) * 2) AS int32)", "upper(b#1)",
            ])
        #expect(command.predicate?.text(in: schema) == "(d#3 IS NULL)")
    }

    @Test func mergeBindsKeysClausesAndStarActions() throws {
        guard
            case .merge(let command) = try Self.bind(
                """
                MERGE INTO silver.dim_crypto_info AS d
                USING (SELECT id, name, category FROM silver.dim_crypto_info VERSION AS OF 0) AS s
                ON d.id = s.id AND s.category <> 'test'
                WHEN MATCHED AND d.name <> s.name THEN UPDATE SET name = s.name
                WHEN MATCHED THEN UPDATE SET *
                WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)
                WHEN NOT MATCHED BY SOURCE THEN DELETE
                WHEN NOT MATCHED THEN INSERT *
                """)
        else {
            Issue.record("expected MERGE")
            return
        }
        let joined = Schema(BinderTestCatalog.info.fields + BinderTestCatalog.info.fields)
        #expect(
            command.keys.map {
                "\($0.left.text(in: BinderTestCatalog.info)) = \($0.right.text(in: BinderTestCatalog.info))"
            } == ["id#0 = id#0"])
        #expect(command.residual?.text(in: joined) == "(category#5 <> 'test')")
        #expect(command.clauses.map(\.match) == [.matched, .matched, .notMatched, .notMatchedBySource, .notMatched])
        #expect(command.clauses[0].condition?.text(in: joined) == "(name#1 <> name#4)")
        #expect(command.clauses[0].action == .update([ColumnAssignment(column: 1, value: .column(4, .utf8))]))
        #expect(
            command.clauses[1].action
                == .update(
                    (0..<3).map {
                        ColumnAssignment(column: $0, value: .column(3 + $0, BinderTestCatalog.info.fields[$0].type))
                    }))
        #expect(command.clauses[2].action == .insert([.column(3, .int64), .column(4, .utf8), .literal(.null, .utf8)]))
        #expect(command.clauses[3].action == .delete)
        #expect(command.clauses[4].action == .insert([.column(3, .int64), .column(4, .utf8), .column(5, .utf8)]))
    }

    @Test func explainWrapsTheBoundStatementAndOptimizerReachesInnerPlans() throws {
        guard case .explain(.query(let plan)) = try Self.bind("EXPLAIN SELECT a FROM t WHERE a > 1") else {
            Issue.record("expected EXPLAIN of a query")
            return
        }
        #expect(
            Optimizer().optimize(BoundStatement.explain(.query(plan))) == .explain(.query(Optimizer().optimize(plan))))
    }
}
