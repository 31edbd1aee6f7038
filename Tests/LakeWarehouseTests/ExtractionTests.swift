import LakeColumnar
import LakeCore
import LakeWarehouse
import Testing

/// `WarehouseExtractor` against a real server: every type, NULLs, an empty table, a large table in bounded
/// batches, incremental extraction by a cursor, and names that need quoting.
@Suite struct ExtractionTests {
    /// Every batch of one extraction, and the summary.
    static func extract(
        _ database: TestDatabase, _ request: ExtractionRequest, batchRowsMax: Int = WarehouseExtractor.batchRowsDefault
    ) throws -> (batches: [Batch], summary: ExtractionSummary) {
        let extractor = WarehouseExtractor(connection: try database.connect(), batchRowsMax: batchRowsMax)
        var batches: [Batch] = []
        let summary = try extractor.extract(request) { (batch: Batch) throws(WarehouseError) in batches.append(batch) }
        return (batches, summary)
    }

    /// The rows of `batches`, row-major.
    static func rows(_ batches: [Batch]) -> [[Value]] {
        batches.flatMap { batch in
            (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } }
        }
    }

    @Test func everyTypeIsTypedFromTheCatalogAndNullsStayNull() throws {
        let database = try TestDatabase()
        _ = try database.psql(
            """
            CREATE TABLE every_type (
                id integer NOT NULL, i2 smallint, i8 bigint, f4 real, f8 double precision, n numeric(12,3),
                n_free numeric, t text, v varchar(10), c char(4), b boolean, d date, ts timestamp, tz timestamptz,
                tm time, by bytea, u uuid, j jsonb, arr integer[]);
            INSERT INTO every_type VALUES
                (1, -32768, 9223372036854775807, 1.5, -2.25, 123456789.125,
                 3.14159265358979323846264338327950288419716939937510, 'héllo', 'abc', 'ab', true, '2024-02-29',
                 '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56.789012+02', '23:59:59.999999', '\\x00ff10',
                 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{"k": [1, 2]}', '{1,2,NULL}'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL);
            """)
        let (batches, summary) = try Self.extract(database, ExtractionRequest(table: TableName("every_type")))
        let expectedFields = [
            Field("id", .int32, nullable: false), Field("i2", .int16), Field("i8", .int64), Field("f4", .float32),
            Field("f8", .float64), Field("n", .decimal(precision: 12, scale: 3)), Field("n_free", .utf8),
            Field("t", .utf8), Field("v", .utf8), Field("c", .utf8), Field("b", .bool), Field("d", .date32),
            Field("ts", .timestamp(.microseconds, utc: false)), Field("tz", .timestamp(.microseconds, utc: true)),
            Field("tm", .time(.microseconds)), Field("by", .binary), Field("u", .utf8), Field("j", .utf8),
            Field("arr", .utf8),
        ]
        #expect(summary.schema.fields == expectedFields)
        #expect(batches.allSatisfy { $0.schema == summary.schema })
        #expect(summary.rowCount == 2)
        #expect(summary.cursorValue == nil)
        #expect(summary.columns.filter(\.readsAsText).map(\.field.name) == ["n_free", "u", "j", "arr"])
        #expect(summary.columns.first { $0.field.name == "n" }?.postgresTypeName == "numeric(12,3)")
        let rows = Self.rows(batches).sorted { "\($0[0])" < "\($1[0])" }
        #expect(
            rows.first == [
                .int(1), .int(-32_768), .int(.max), .float32(1.5), .float64(-2.25), .decimal(123_456_789_125),
                .string("3.14159265358979323846264338327950288419716939937510"), .string("héllo"), .string("abc"),
                .string("ab  "), .bool(true), .int(19_782), .int(1_709_210_096_789_012),
                .int(1_709_202_896_789_012), .int(86_399_999_999), .bytes([0x00, 0xFF, 0x10]),
                .string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), .string(#"{"k": [1, 2]}"#), .string("{1,2,NULL}"),
            ])
        #expect(rows.last == [.int(2)] + Array(repeating: Value.null, count: 18))
    }

    @Test func anEmptyTableGivesOneEmptyBatchOfItsSchema() throws {
        let database = try TestDatabase()
        _ = try database.psql("CREATE TABLE nothing (id bigint NOT NULL, label text, at timestamptz)")
        let (batches, summary) = try Self.extract(
            database, ExtractionRequest(table: TableName("nothing"), cursor: ExtractionCursor(column: "id")))
        #expect(batches.count == 1)
        #expect(batches.first?.rowCount == 0)
        #expect(batches.first?.schema == summary.schema)
        #expect(summary.schema.fields.map(\.name) == ["id", "label", "at"])
        #expect(summary.rowCount == 0)
        #expect(summary.cursorValue == nil)
    }

    @Test func aLargeTableArrivesInBatchesOfBoundedSize() throws {
        let database = try TestDatabase()
        _ = try database.psql(
            """
            CREATE TABLE big AS SELECT g::bigint AS id, md5(g::text) AS digest,
                CASE WHEN g % 7 = 0 THEN NULL ELSE g * 0.01 END::numeric(12,2) AS amount
            FROM generate_series(1, 100000) g
            """)
        let (batches, summary) = try Self.extract(
            database, ExtractionRequest(table: TableName("big"), columns: ["amount", "id"]), batchRowsMax: 8_192)
        #expect(summary.rowCount == 100_000)
        #expect(batches.map(\.rowCount).reduce(0, +) == 100_000)
        #expect(batches.count >= 13)
        #expect(batches.allSatisfy { $0.rowCount <= 8_192 })
        #expect(summary.schema.fields.map(\.name) == ["amount", "id"])
        var idSum: Int64 = 0
        var amountSum: Int128 = 0
        var nulls = 0
        for batch in batches {
            for row in 0..<batch.rowCount {
                guard case .int(let id) = batch.columns[1].value(at: row) else { continue }
                idSum += id
                switch batch.columns[0].value(at: row) {
                case .decimal(let cents): amountSum += cents
                case .null: nulls += 1
                default: break
                }
            }
        }
        #expect(idSum == 5_000_050_000)
        #expect(nulls == 14_285)
        #expect(String(amountSum) == (try database.psql("SELECT (sum(amount) * 100)::bigint FROM big")))
    }

    @Test func incrementalExtractionReadsOnlyRowsPastTheCursor() throws {
        let database = try TestDatabase()
        _ = try database.psql(
            """
            CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL, note text);
            INSERT INTO events (at, note)
                SELECT timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', 'first ' || g
                FROM generate_series(1, 1000) g;
            """)
        let table = TableName(schema: "public", "events")
        let first = try Self.extract(database, ExtractionRequest(table: table, cursor: ExtractionCursor(column: "at")))
        #expect(first.summary.rowCount == 1_000)
        #expect(first.summary.cursorValue == "2024-01-01 16:40:00+00")

        _ = try database.psql(
            """
            INSERT INTO events (at, note)
                SELECT timestamptz '2024-01-01 16:40:00+00' + g * interval '1 second', 'second ' || g
                FROM generate_series(0, 250) g
            """)
        let second = try Self.extract(
            database,
            ExtractionRequest(
                table: table, columns: ["id", "note"],
                cursor: ExtractionCursor(column: "at", after: first.summary.cursorValue)))
        #expect(second.summary.rowCount == 250)  // the row at exactly the cursor value was extracted already
        #expect(second.summary.cursorValue == "2024-01-01 16:44:10+00")
        let notes = Self.rows(second.batches).map { $0[1] }
        #expect(Set(notes) == Set((1...250).map { Value.string("second \($0)") }))
        #expect(second.summary.statement.contains("current_setting"))
        #expect(!second.summary.statement.contains("16:40"))

        let third = try Self.extract(
            database,
            ExtractionRequest(table: table, cursor: ExtractionCursor(column: "at", after: second.summary.cursorValue)))
        #expect(third.summary.rowCount == 0)
        #expect(third.summary.cursorValue == nil)
        #expect(third.batches.map(\.rowCount) == [0])
    }

    @Test func aCursorValueIsDataNeverSQL() throws {
        let database = try TestDatabase()
        _ = try database.psql("CREATE TABLE guarded AS SELECT g::bigint AS id FROM generate_series(1, 10) g")
        let hostile = "1) TO STDOUT; DROP TABLE guarded; --"
        #expect {
            try Self.extract(
                database,
                ExtractionRequest(table: TableName("guarded"), cursor: ExtractionCursor(column: "id", after: hostile)))
        } throws: { error in
            guard case .server(let state, _)? = error as? WarehouseError else { return false }
            return state == "22P02"  // invalid_text_representation: the text was read as a bigint value
        }
        #expect(try database.count("guarded") == 10)
        // The connection is usable afterwards: the failed extraction rolled back its transaction.
        let connection = try database.connect()
        let extractor = WarehouseExtractor(connection: connection)
        var rows = 0
        try extractor.extract(
            ExtractionRequest(table: TableName("guarded"), cursor: ExtractionCursor(column: "id", after: "7"))
        ) { (batch: Batch) throws(WarehouseError) in rows += batch.rowCount }
        #expect(rows == 3)
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }

    @Test func namesThatNeedQuotingAreQuoted() throws {
        let database = try TestDatabase()
        _ = try database.psql(
            #"""
            CREATE SCHEMA "Odd ""Schema""";
            CREATE TABLE "Odd ""Schema"""."we""ird table" ("a""b" integer, "Select" text);
            INSERT INTO "Odd ""Schema"""."we""ird table" VALUES (1, 'x'), (2, NULL);
            """#)
        let (batches, summary) = try Self.extract(
            database, ExtractionRequest(table: TableName(schema: #"Odd "Schema""#, #"we"ird table"#)))
        #expect(summary.schema.fields.map(\.name) == [#"a"b"#, "Select"])
        #expect(Set(Self.rows(batches)) == [[.int(1), .string("x")], [.int(2), .null]])
    }

    @Test func unknownTablesAndColumnsAreReportedByName() throws {
        let database = try TestDatabase()
        _ = try database.psql("CREATE TABLE known (id integer)")
        #expect(throws: WarehouseError.invalidLoad("table absent does not exist")) {
            try Self.extract(database, ExtractionRequest(table: TableName("absent")))
        }
        #expect(throws: WarehouseError.missingColumn(table: "known", column: "nope")) {
            try Self.extract(database, ExtractionRequest(table: TableName("known"), columns: ["id", "nope"]))
        }
        #expect(throws: WarehouseError.missingColumn(table: "known", column: "when")) {
            try Self.extract(
                database, ExtractionRequest(table: TableName("known"), cursor: ExtractionCursor(column: "when")))
        }
        #expect(throws: WarehouseError.invalidLoad("column id of known is requested twice")) {
            try Self.extract(database, ExtractionRequest(table: TableName("known"), columns: ["id", "id"]))
        }
    }

    @Test func valuesWithoutALakeFormAreClearErrors() throws {
        let database = try TestDatabase()
        _ = try database.psql("CREATE TABLE odd (d date, n numeric(5,2)); INSERT INTO odd VALUES ('infinity', 1)")
        #expect {
            try Self.extract(database, ExtractionRequest(table: TableName("odd")))
        } throws: { error in
            guard case .malformedCopyData(let reason)? = error as? WarehouseError else { return false }
            return reason.contains("column d") && reason.contains("infinity")
        }
        _ = try database.psql("TRUNCATE odd; INSERT INTO odd VALUES (NULL, 'NaN')")
        #expect {
            try Self.extract(database, ExtractionRequest(table: TableName("odd")))
        } throws: { error in
            guard case .malformedCopyData(let reason)? = error as? WarehouseError else { return false }
            return reason.contains("column n")
        }
    }

    @Test func aFailingReceiverStopsTheExtractionAndLeavesTheConnectionUsable() throws {
        let database = try TestDatabase()
        _ = try database.psql("CREATE TABLE many AS SELECT g AS id FROM generate_series(1, 50000) g")
        let connection = try database.connect()
        let extractor = WarehouseExtractor(connection: connection, batchRowsMax: 1_000)
        var received = 0
        #expect(throws: WarehouseError.source("stop here")) {
            try extractor.extract(ExtractionRequest(table: TableName("many"))) {
                (batch: Batch) throws(WarehouseError) in
                received += batch.rowCount
                if received >= 3_000 { throw .source("stop here") }
            }
        }
        #expect(received == 3_000)
        #expect(try connection.execute("SELECT count(*) FROM many").scalar == "50000")
    }
}
