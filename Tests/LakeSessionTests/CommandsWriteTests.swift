import LakeColumnar
import LakeParquet
import LakeSQL
import LakeTable
import Testing

@testable import LakeSession

/// INSERT, DELETE, UPDATE and MERGE through the session: which LakeTable operation each uses, their summaries, and
/// what happens when another writer commits between binding and writing.
@Suite struct CommandsWriteTests {
    static func items(_ session: LakeSession) throws {
        _ = try session.execute(
            "CREATE TABLE items AS SELECT * FROM (VALUES (1, 'apple', 10), (2, 'avocado', NULL), (3, 'banana', 30)) "
                + "AS v(id, name, qty)")
    }

    @Test func insertIntoAppendsAndInsertOverwriteReplacesEveryFile() throws {
        let lake = try TemporaryLake("cmd-insert")
        let session = try lake.session()
        try Self.items(session)
        let appended = try session.execute(
            "INSERT INTO items (name, id) VALUES ('cherry', 4), ('date', 5)")
        #expect(
            appended.summaryValues == [
                "version": "2", "num_affected_rows": "2", "num_added_files": "1", "num_removed_files": "0",
            ])
        #expect(
            try session.sortedRows("SELECT id, qty FROM items WHERE id > 3") == [
                ["4", "NULL"], ["5", "NULL"],
            ])
        let nothing = try session.execute("INSERT INTO items SELECT * FROM items WHERE id > 100")
        #expect(nothing.summaryValues["version"] == "NULL")
        let overwritten = try session.execute(
            "INSERT OVERWRITE items SELECT id, upper(name), qty FROM items WHERE id < 3")
        #expect(
            overwritten.summaryValues == [
                "version": "3", "num_affected_rows": "2", "num_added_files": "1", "num_removed_files": "2",
            ])
        #expect(
            try session.sortedRows("SELECT id, name FROM items") == [["1", "APPLE"], ["2", "AVOCADO"]])
        #expect(try session.operations("items").first == "WRITE")
    }

    @Test func deleteWithComparisonsUsesLakeTableDelete() throws {
        let lake = try TemporaryLake("cmd-delete-fast")
        let session = try lake.session()
        try Self.items(session)
        let result = try session.execute("DELETE FROM items WHERE qty >= 10 AND name <> 'banana'")
        #expect(
            result.summaryValues == [
                "version": "2", "num_affected_rows": "1", "num_added_files": "1", "num_removed_files": "1",
            ])
        #expect(try session.operations("items").first == "DELETE")
        #expect(try session.sortedRows("SELECT id FROM items") == [["2"], ["3"]])
        let none = try session.execute("DELETE FROM items WHERE id = 42")
        #expect(none.summaryValues["version"] == "NULL")
        #expect(try session.operations("items").count == 3)
        _ = try session.execute("DELETE FROM items")
        #expect(try session.execute("SELECT * FROM items").rowCount == 0)
    }

    @Test func deleteWithOtherPredicatesRewritesTheTableKeepingNullRows() throws {
        let lake = try TemporaryLake("cmd-delete-rewrite")
        let session = try lake.session()
        try Self.items(session)
        // `qty > 15 OR name LIKE 'a%'` is NULL for no row here; `qty * 2 > 15` is NULL for avocado, which stays.
        let result = try session.execute("DELETE FROM items WHERE qty * 2 > 15")
        #expect(
            result.summaryValues == [
                "version": "2", "num_affected_rows": "2", "num_added_files": "1", "num_removed_files": "1",
            ])
        #expect(try session.operations("items").first == "WRITE")
        #expect(try session.sortedRows("SELECT id, name FROM items") == [["2", "avocado"]])
        #expect(
            try session.execute("DELETE FROM items WHERE name LIKE 'z%'").summaryValues["version"]
                == "NULL")
    }

    @Test func updateAssignsOnlyWhereThePredicateIsTrue() throws {
        let lake = try TemporaryLake("cmd-update")
        let session = try lake.session()
        try Self.items(session)
        let result = try session.execute(
            "UPDATE items SET qty = qty + 1, name = upper(name) WHERE qty < 20 OR id = 2")
        #expect(result.summaryValues["num_affected_rows"] == "2")
        #expect(
            try session.sortedRows("SELECT id, name, qty FROM items") == [
                ["1", "APPLE", "11"], ["2", "AVOCADO", "NULL"], ["3", "banana", "30"],
            ])
        let all = try session.execute("UPDATE items SET qty = 0")
        #expect(all.summaryValues["num_affected_rows"] == "3")
        #expect(try session.sortedRows("SELECT DISTINCT qty FROM items") == [["0"]])
        #expect(
            try session.execute("UPDATE items SET qty = 1 WHERE id > 9").summaryValues["version"]
                == "NULL")
    }

    @Test func rewritesStartOverWhenAnotherWriterCommittedAfterBinding() throws {
        let lake = try TemporaryLake("cmd-rewrite-race")
        let session = try lake.session()
        try Self.items(session)
        let delete = try session.bind("DELETE FROM items WHERE name LIKE 'a%'")
        let update = try session.bind(
            "UPDATE items SET qty = coalesce(qty, 0) + 100 WHERE name LIKE 'b%'")
        _ = try session.execute("INSERT INTO items VALUES (4, 'apricot', 4), (5, 'blueberry', 5)")
        _ = try session.execute(delete)
        #expect(try session.sortedRows("SELECT id FROM items") == [["3"], ["5"]])
        _ = try session.execute(update)
        #expect(try session.sortedRows("SELECT id, qty FROM items") == [["3", "130"], ["5", "105"]])
    }

    @Test func statementsThatMatchNothingAtTheBoundVersionLookAtTheLatest() throws {
        let lake = try TemporaryLake("cmd-stale-nothing")
        let session = try lake.session()
        try Self.items(session)
        _ = try session.execute("CREATE TABLE changes AS SELECT 4 AS id, 'APRICOT' AS name, 44 AS qty")
        let delete = try session.bind("DELETE FROM items WHERE name LIKE 'c%'")
        let merge = try session.bind(
            "MERGE INTO items AS t USING changes AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name")
        _ = try session.execute("INSERT INTO items VALUES (4, 'apricot', 4), (5, 'cherry', 5)")
        #expect(try session.execute(delete).summaryValues["num_affected_rows"] == "1")
        #expect(try session.execute(merge).summaryValues["num_updated_rows"] == "1")
        #expect(
            try session.sortedRows("SELECT id, name FROM items") == [
                ["1", "apple"], ["2", "avocado"], ["3", "banana"], ["4", "APRICOT"],
            ])
    }

    @Test func rewriteRefusesWhenTheSchemaChangedAfterBinding() throws {
        let lake = try TemporaryLake("cmd-rewrite-schema")
        let session = try lake.session()
        try Self.items(session)
        let update = try session.bind("UPDATE items SET qty = 1 WHERE name LIKE 'b%'")
        let table = Table(store: session.store, root: "items")
        let batch = try makeBatch([
            ("id", .int64, [.int(9)]), ("name", .utf8, [.string("fig")]), ("qty", .int64, [.int(9)]),
            ("color", .utf8, [.string("purple")]),
        ])
        try table.append([batch], schemaEvolution: .addNewColumns)
        #expect {
            try session.execute(update)
        } throws: { error in
            guard case SessionError.table(_, .commitConflict(.metadataChanged, _, _, _)) = error else {
                return false
            }
            return true
        }
        #expect(try session.sortedRows("SELECT qty FROM items WHERE id = 3") == [["30"]])
    }

    @Test func mergeUpsertReportsInsertedAndUpdatedRows() throws {
        let lake = try TemporaryLake("cmd-merge")
        let session = try lake.session()
        try Self.items(session)
        _ = try session.execute(
            "CREATE TABLE changes AS SELECT * FROM (VALUES (1, 'APPLE', 11), (7, 'kiwi', 70)) AS v(id, name, qty)"
        )
        let result = try session.execute(
            "MERGE INTO items AS t USING changes AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * "
                + "WHEN NOT MATCHED THEN INSERT *")
        #expect(
            result.summaryValues == [
                "version": "2", "num_affected_rows": "2", "num_inserted_rows": "1", "num_updated_rows": "1",
                "num_added_files": "2", "num_removed_files": "1",
            ])
        #expect(try session.operations("items").first == "MERGE")
        #expect(
            try session.sortedRows("SELECT * FROM items") == [
                ["1", "APPLE", "11"], ["2", "avocado", "NULL"], ["3", "banana", "30"], ["7", "kiwi", "70"],
            ])
        let again = try session.execute(
            "MERGE INTO items USING changes AS s ON items.id = s.id WHEN NOT MATCHED THEN INSERT *")
        #expect(again.summaryValues["version"] == "NULL")
    }

    @Test func mergeWithSeveralSourceRowsForOneTargetRowFails() throws {
        let lake = try TemporaryLake("cmd-merge-duplicate")
        let session = try lake.session()
        try Self.items(session)
        #expect {
            try session.execute(
                "MERGE INTO items AS t USING (SELECT * FROM (VALUES (1, 5), (1, 6)) AS v(id, qty)) AS s "
                    + "ON t.id = s.id WHEN MATCHED THEN UPDATE SET qty = s.qty")
        } throws: { error in
            guard case SessionError.table(_, .invalidArgument(let reason)) = error else { return false }
            return reason.contains("duplicate key")
        }
        #expect(try session.operations("items").count == 2)
    }

    @Test func mergeShapesWithoutATableOperationSayWhatIsMissing() throws {
        let lake = try TemporaryLake("cmd-merge-unsupported")
        let session = try lake.session()
        try Self.items(session)
        let cases: [(String, String)] = [
            ("WHEN MATCHED THEN DELETE", "has no delete"),
            ("WHEN NOT MATCHED BY SOURCE THEN UPDATE SET qty = 0", "NOT MATCHED BY SOURCE"),
            ("WHEN MATCHED THEN UPDATE SET id = s.id + 1", "key column id"),
            ("WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id + 1, s.name)", "another value"),
            (
                "WHEN MATCHED AND s.qty > 1 THEN UPDATE SET qty = 1 WHEN MATCHED THEN UPDATE SET qty = 2",
                "two WHEN"
            ),
        ]
        for (clauses, message) in cases {
            #expect(Comment(rawValue: clauses)) {
                try session.execute("MERGE INTO items AS t USING items AS s ON t.id = s.id " + clauses)
            } throws: { error in
                guard case SessionError.unsupported(let what) = error else { return false }
                return what.contains(message)
            }
        }
        #expect {
            try session.execute(
                "MERGE INTO items AS t USING items AS s ON t.id = s.id AND t.qty > s.qty "
                    + "WHEN MATCHED THEN UPDATE SET qty = 0")
        } throws: { error in
            guard case SessionError.unsupported(let what) = error else { return false }
            return what.contains("only equalities")
        }
    }
}

/// Which bound predicates become LakeTable's `ParquetPredicate` conjunctions, exactly.
@Suite struct CommandsPredicateTranslationTests {
    static let schema = Schema([
        Field("id", .int64), Field("name", .utf8), Field("price", .float64), Field("day", .date32),
    ])

    static func column(_ index: Int) -> BoundExpression { .column(index, schema.fields[index].type) }

    static func compare(_ op: BinaryOperator, _ left: BoundExpression, _ right: BoundExpression)
        -> BoundExpression
    {
        BoundExpression(.binary(op, left, right), type: .bool)
    }

    @Test func conjunctionsOfColumnConstantComparisonsTranslate() {
        let predicate = BoundExpression(
            .binary(
                .and, Self.compare(.greaterOrEqual, Self.column(0), .literal(.int(3), .int64)),
                Self.compare(.less, .literal(.int(19_000), .date32), Self.column(3))),
            type: .bool)
        let translated = ParquetPredicateTranslation.conjunction(predicate, schema: Self.schema)
        #expect(
            translated == [
                ParquetPredicate("id", .greaterOrEqual, .int(3)),
                ParquetPredicate("day", .greater, .int(19_000)),
            ])
    }

    @Test func otherShapesDoNotTranslate() {
        let nameIsA = Self.compare(.equal, Self.column(1), .literal(.string("a"), .utf8))
        let cases: [BoundExpression] = [
            BoundExpression(.binary(.or, nameIsA, nameIsA), type: .bool),
            Self.compare(.greater, Self.column(2), .literal(.float64(1), .float64)),
            Self.compare(.equal, Self.column(1), .literal(.null, .utf8)),
            Self.compare(.equal, Self.column(0), Self.column(0)),
            BoundExpression(.isNull(Self.column(0), negated: false), type: .bool),
            Self.compare(
                .equal, BoundExpression(.cast(Self.column(0), isTry: false), type: .utf8),
                .literal(.string("1"), .utf8)),
        ]
        for predicate in cases {
            #expect(ParquetPredicateTranslation.conjunction(predicate, schema: Self.schema) == nil)
        }
    }
}
