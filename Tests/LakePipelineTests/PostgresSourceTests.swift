import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakePipeline
import LakeTable
import LakeTestSupport
import LakeWarehouse
import Testing

/// PostgreSQL tables into bronze through `PostgresExtractionRunner`, against a real server: snapshots with every
/// type and NULLs, an empty table, a 100,000-row table, incremental runs, and failures recorded per source.
@Suite struct PostgresSourceTests {
    /// A database of its own on the shared test server, and a lake folder of its own.
    struct Fixture {
        let server: PostgresServer
        let database: String
        let url: WarehouseURL
        let lake: URL
        let store: LocalObjectStore

        init() throws {
            server = try PostgresServer.shared()
            database =
                "lake_pg_source_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            url = try WarehouseURL(try server.createDatabase(database))
            lake = FileManager.default.temporaryDirectory.appendingPathComponent("lake-pg-source-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: lake, withIntermediateDirectories: true)
            store = LocalObjectStore(root: lake.path)
        }

        func psql(_ sql: String) throws { _ = try server.psql(sql, database: database) }

        func runner(_ sources: [PostgresSource], at millis: Int64, batchRowsMax: Int = 8_192)
            -> PostgresExtractionRunner
        {
            PostgresExtractionRunner(
                store: store, url: url, sources: sources, clock: .fixed(millis), batchRowsMax: batchRowsMax)
        }

        /// Every row of a bronze snapshot, by column name, and the file's schema.
        func snapshot(_ path: String) throws -> (schema: Schema, rows: [[String: Value]]) {
            let reader = try ParquetFileReader(store: store, path: path)
            var rows: [[String: Value]] = []
            for batch in try reader.readAll() {
                for row in 0..<batch.rowCount {
                    var values: [String: Value] = [:]
                    for (field, column) in zip(batch.schema.fields, batch.columns) {
                        values[field.name] = column.value(at: row)
                    }
                    rows.append(values)
                }
            }
            return (reader.schema, rows)
        }

        func remove() { try? FileManager.default.removeItem(at: lake) }
    }

    /// 2026-11-20T12:00:00Z.
    static let startMillis: Int64 = 1_795_176_000_000

    @Test func fullSnapshotsKeepEveryTypeAndNullsAndAnEmptyTableKeepsItsSchema() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.psql(
            """
            CREATE SCHEMA shop;
            CREATE TABLE shop.items (
                id integer PRIMARY KEY, qty smallint, big bigint, ratio real, price double precision,
                amount numeric(10,2), label text, code varchar(8), active boolean, born date, seen timestamp,
                paid timestamptz, at_time time, blob bytea, ref uuid);
            INSERT INTO shop.items VALUES
                (1, 7, -9000000000, 0.5, 19.99, -1234.56, 'zürich', 'A-1', true, '1999-12-31',
                 '2001-02-03 04:05:06.007008', '2001-02-03 04:05:06+00', '12:00:00', '\\xdeadbeef',
                 '123e4567-e89b-12d3-a456-426614174000'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            CREATE TABLE shop.nothing (id bigint NOT NULL, note text);
            """)
        let sources = [
            PostgresSource(name: "items", table: TableName(schema: "shop", "items")),
            PostgresSource(name: "nothing", table: TableName(schema: "shop", "nothing")),
        ]
        let report = try fixture.runner(sources, at: Self.startMillis).run()
        #expect(report.runID == "20261120_120000")
        #expect(report.records.map(\.status) == [.succeeded, .succeeded])
        #expect(report.records.map(\.rows) == [2, 0])
        #expect(report.records.allSatisfy { $0.source == "postgres" && $0.credits == 0 && $0.requests == 1 })
        let itemsPath = "bronze/items/items-20261120_120000.parquet"
        #expect(report.records.map(\.bronzePath) == [itemsPath, "bronze/nothing/nothing-20261120_120000.parquet"])

        let items = try fixture.snapshot(itemsPath)
        #expect(
            items.schema.fields.map(\.type) == [
                .int32, .int16, .int64, .float32, .float64, .decimal(precision: 10, scale: 2), .utf8, .utf8, .bool,
                .date32, .timestamp(.microseconds, utc: false), .timestamp(.microseconds, utc: true),
                .time(.microseconds), .binary, .utf8, .timestamp(.microseconds, utc: true),
            ])
        #expect(items.schema.fields.last?.name == "_extracted_at")
        #expect(items.schema.fields.first?.isNullable == false)
        let rows = items.rows.sorted { "\($0["id"] ?? .null)" < "\($1["id"] ?? .null)" }
        #expect(rows.count == 2)
        let first = try #require(rows.first)
        #expect(first["id"] == .int(1))
        #expect(first["qty"] == .int(7))
        #expect(first["big"] == .int(-9_000_000_000))
        #expect(first["ratio"] == .float32(0.5))
        #expect(first["price"] == .float64(19.99))
        #expect(first["amount"] == .decimal(-123_456))
        #expect(first["label"] == .string("zürich"))
        #expect(first["code"] == .string("A-1"))
        #expect(first["active"] == .bool(true))
        #expect(first["born"] == .int(10_956))
        #expect(first["seen"] == .int(981_173_106_007_008))
        #expect(first["paid"] == .int(981_173_106_000_000))
        #expect(first["at_time"] == .int(43_200_000_000))
        #expect(first["blob"] == .bytes([0xDE, 0xAD, 0xBE, 0xEF]))
        #expect(first["ref"] == .string("123e4567-e89b-12d3-a456-426614174000"))
        #expect(first["_extracted_at"] == .int(Self.startMillis * 1_000))
        let second = try #require(rows.last)
        #expect(second["id"] == .int(2))
        #expect(second.filter { $0.key != "id" && $0.key != "_extracted_at" }.values.allSatisfy { $0 == .null })

        let nothing = try fixture.snapshot("bronze/nothing/nothing-20261120_120000.parquet")
        #expect(nothing.rows.isEmpty)
        #expect(nothing.schema.fields.map(\.name) == ["id", "note", "_extracted_at"])

        let history = try RunRecordTable(store: fixture.store, clock: .fixed(Self.startMillis)).readAll()
        #expect(history.map(\.endpoint) == ["items", "nothing"])
        #expect(history.first?.parameters.contains(#""table":"shop.items""#) == true)
    }

    @Test func incrementalRunsReadOnlyNewRowsOfALargeTable() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.psql(
            """
            CREATE TABLE ticks AS SELECT g::bigint AS id, md5(g::text) AS digest, g * 0.5 AS price
                FROM generate_series(1, 100000) g;
            """)
        let source = PostgresSource(
            name: "ticks", table: TableName("ticks"), columns: ["id", "price"], cursorColumn: "id")

        let first = try fixture.runner([source], at: Self.startMillis).run()
        #expect(first.records.map(\.status) == [.succeeded])
        #expect(first.records.first?.rows == 100_000)
        let firstPath = try #require(first.records.first?.bronzePath)
        let reader = try ParquetFileReader(store: fixture.store, path: firstPath)
        #expect(reader.rowCount == 100_000)
        #expect(reader.schema.fields.map(\.name) == ["id", "price", "_extracted_at"])
        var cursors = try PostgresCursorState.load(from: fixture.store)
        #expect(cursors.bySource["ticks"] == PostgresCursorState.Position(column: "id", value: "100000"))

        try fixture.psql("INSERT INTO ticks SELECT g, md5(g::text), g * 0.5 FROM generate_series(100001, 100010) g")
        let second = try fixture.runner([source], at: Self.startMillis + 60_000).run()
        #expect(second.records.first?.rows == 10)
        let ids = try fixture.snapshot(try #require(second.records.first?.bronzePath)).rows.map { $0["id"] }
        #expect(Set(ids) == Set((100_001...100_010).map { Value.int(Int64($0)) }))
        #expect(second.records.first?.parameters.contains(#""after":"100000""#) == true)
        cursors = try PostgresCursorState.load(from: fixture.store)
        #expect(cursors.bySource["ticks"]?.value == "100010")

        let third = try fixture.runner([source], at: Self.startMillis + 120_000).run()
        #expect(third.records.map(\.status) == [.skipped])
        #expect(third.records.first?.bronzePath == nil)
        #expect(try fixture.store.list(prefix: "bronze/ticks/", after: nil).count == 2)

        // A different cursor column starts over with a full extraction.
        var byPrice = source
        byPrice.cursorColumn = "price"
        let fourth = try fixture.runner([byPrice], at: Self.startMillis + 180_000).run()
        #expect(fourth.records.first?.rows == 100_010)
    }

    @Test func aFailingSourceIsRecordedAndTheRunGoesOn() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.psql(
            """
            CREATE TABLE good AS SELECT 1 AS id;
            CREATE TABLE clash AS SELECT 1 AS id, now() AS _extracted_at;
            """)
        let sources = [
            PostgresSource(name: "missing", table: TableName("no_such_table")),
            PostgresSource(name: "clash", table: TableName("clash")),
            PostgresSource(name: "good", table: TableName("good")),
        ]
        let report = try fixture.runner(sources, at: Self.startMillis).run()
        #expect(report.records.map(\.status) == [.failed, .failed, .succeeded])
        #expect(report.records[0].error?.contains("no_such_table does not exist") == true)
        #expect(report.records[1].error?.contains("_extracted_at") == true)
        #expect(try fixture.store.list(prefix: "bronze/clash/", after: nil).isEmpty)

        // The same second again: snapshots are never overwritten.
        let again = try fixture.runner([sources[2]], at: Self.startMillis).run()
        #expect(again.records.first?.status == .failed)
        #expect(again.records.first?.error?.contains("snapshots are never overwritten") == true)

        #expect(throws: PipelineError.self) { try fixture.runner(sources, at: Self.startMillis).run(only: ["nope"]) }
    }

    @Test func anUnreachableServerFailsEverySourceWithTheReason() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let runner = PostgresExtractionRunner(
            store: fixture.store, url: try WarehouseURL("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"),
            sources: [
                PostgresSource(name: "a", table: TableName("a")), PostgresSource(name: "b", table: TableName("b")),
            ],
            clock: .fixed(Self.startMillis))
        let report = try runner.run()
        #expect(report.records.map(\.status) == [.failed, .failed])
        #expect(report.records.allSatisfy { $0.error?.contains("connection") == true })
        #expect(try RunRecordTable(store: fixture.store, clock: .fixed(Self.startMillis)).readAll().count == 2)
    }
}
