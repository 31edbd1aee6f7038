import LakeSQL
import Testing

@Suite struct StatementParsingTests {
    private func parse(_ text: String) throws -> Statement { try SQLParser.parseStatement(text) }
    private let t = TableIdentifier.name(ObjectName("t"))

    @Test func describeAndHistory() throws {
        #expect(try parse("DESCRIBE silver.t") == .describe(.name(ObjectName("silver", "t"))))
        #expect(try parse("describe table t") == .describe(t))
        #expect(try parse("DESCRIBE HISTORY t") == .describeHistory(t, limit: nil))
        #expect(try parse("DESCRIBE HISTORY '/lake/t' LIMIT 5") == .describeHistory(.path("/lake/t"), limit: 5))
        // A table called `history`.
        #expect(try parse("DESCRIBE history") == .describe(.name(ObjectName("history"))))
    }

    @Test func showTablesOfTheLakeOrOfOneSchema() throws {
        #expect(try parse("SHOW TABLES") == .showTables(schema: nil))
        #expect(try parse("show tables from silver") == .showTables(schema: Identifier("silver")))
        #expect(try parse("SHOW TABLES IN \"Bronze\"") == .showTables(schema: Identifier("Bronze", isQuoted: true)))
        #expect(SQLFormatter().format(try parse("SHOW TABLES IN silver")) == "SHOW TABLES FROM silver")
        #expect(SQLFormatter().format(try parse("SHOW TABLES")) == "SHOW TABLES")
        // Both words stay names elsewhere.
        #expect(throws: Never.self) { try parse("SELECT show, tables FROM t AS tables") }
        #expect(throws: SQLError.self) { try parse("SHOW silver") }
        #expect(throws: SQLError.self) { try parse("SHOW TABLES FROM") }
    }

    @Test func maintenanceStatements() throws {
        #expect(try parse("OPTIMIZE t") == .optimize(OptimizeStatement(table: t)))
        #expect(
            try parse("OPTIMIZE t WHERE day = '2024-01-01' ZORDER BY (a, b)")
                == .optimize(
                    OptimizeStatement(
                        table: t, where: .binary(.equal, .column("day"), .string("2024-01-01")), zOrderBy: ["a", "b"])))
        #expect(try parse("VACUUM t") == .vacuum(VacuumStatement(table: t)))
        #expect(
            try parse("VACUUM t RETAIN 168 HOURS DRY RUN")
                == .vacuum(VacuumStatement(table: t, retentionHours: 168, isDryRun: true)))
        #expect(
            try parse("RESTORE TABLE t TO VERSION AS OF 3") == .restore(RestoreStatement(table: t, to: .version(3))))
        #expect(
            try parse("RESTORE t TO TIMESTAMP AS OF '2024-01-01'")
                == .restore(RestoreStatement(table: t, to: .timestamp("2024-01-01"))))
    }

    @Test func createTableAsSelect() throws {
        let parsed = try parse(
            "CREATE OR REPLACE TABLE IF NOT EXISTS silver.x PARTITIONED BY (day) AS SELECT 1 AS day")
        guard case .createTable(let create) = parsed else {
            Issue.record("expected CREATE TABLE")
            return
        }
        #expect(create.orReplace && create.ifNotExists)
        #expect(create.table == .name(ObjectName("silver", "x")))
        #expect(create.partitionedBy == ["day"])
    }

    @Test func insertFromQueryOrValues() throws {
        guard case .insert(let insert) = try parse("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')") else {
            Issue.record("expected INSERT")
            return
        }
        #expect(insert.columns == ["a", "b"])
        #expect(insert.source.body == .values([[.integer(1), .string("x")], [.integer(2), .string("y")]]))
        guard case .insert(let overwrite) = try parse("INSERT OVERWRITE TABLE t SELECT * FROM u") else {
            Issue.record("expected INSERT OVERWRITE")
            return
        }
        #expect(overwrite.isOverwrite && overwrite.columns.isEmpty)
        guard case .insert(let parenthesized) = try parse("INSERT INTO t (SELECT 1)") else {
            Issue.record("expected INSERT")
            return
        }
        #expect(parenthesized.columns.isEmpty)
    }

    @Test func deleteAndUpdate() throws {
        #expect(
            try parse("DELETE FROM t WHERE a < 0")
                == .delete(DeleteStatement(table: t, where: .binary(.less, .column("a"), .integer(0)))))
        #expect(try parse("DELETE FROM t") == .delete(DeleteStatement(table: t)))
        #expect(
            try parse("UPDATE t AS x SET a = a + 1, x.b = 'z' WHERE c")
                == .update(
                    UpdateStatement(
                        table: t, alias: "x",
                        assignments: [
                            Assignment(column: ObjectName("a"), value: .binary(.add, .column("a"), .integer(1))),
                            Assignment(column: ObjectName("x", "b"), value: .string("z")),
                        ], where: .column("c"))))
    }

    @Test func mergeWithEveryClauseKind() throws {
        let parsed = try parse(
            """
            MERGE INTO silver.dim AS d
            USING (SELECT * FROM bronze.src) s
            ON d.id = s.id
            WHEN MATCHED AND s.deleted THEN DELETE
            WHEN MATCHED THEN UPDATE SET name = s.name
            WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)
            WHEN NOT MATCHED BY SOURCE THEN DELETE
            WHEN NOT MATCHED BY TARGET THEN INSERT *
            """)
        guard case .merge(let merge) = parsed else {
            Issue.record("expected MERGE")
            return
        }
        #expect(merge.target == .name(ObjectName("silver", "dim")))
        #expect(merge.targetAlias == "d")
        #expect(
            merge.clauses == [
                MergeClause(.matched, and: .column("s", "deleted"), then: .delete),
                MergeClause(
                    .matched, then: .update([Assignment(column: ObjectName("name"), value: .column("s", "name"))])),
                MergeClause(
                    .notMatched,
                    then: .insert(columns: ["id", "name"], values: [.column("s", "id"), .column("s", "name")])),
                MergeClause(.notMatchedBySource, then: .delete),
                MergeClause(.notMatched, then: .insertAll),
            ])
    }

    @Test func scriptsSplitOnSemicolonsAndSkipEmptyStatements() throws {
        let statements = try SQLParser.parseScript("SELECT 1;; VACUUM t ;\n-- done\n")
        #expect(statements.count == 2)
        #expect(try SQLParser.parseScript("  -- nothing\n").isEmpty)
        #expect(throws: SQLError.self) { try SQLParser.parseStatement("SELECT 1; SELECT 2") }
        #expect(throws: SQLError.self) { try SQLParser.parseStatement("") }
    }

    @Test func explainWrapsAnyStatement() throws {
        guard case .explain(.query) = try parse("EXPLAIN SELECT 1") else {
            Issue.record("expected EXPLAIN of a query")
            return
        }
    }
}
