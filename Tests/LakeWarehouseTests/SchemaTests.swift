import Foundation
import LakeColumnar
import LakeCore
import LakeWarehouse
import Testing

@Suite struct SchemaTests {
    @Test func ddlQuotesEveryIdentifierAndDeclaresKeys() throws {
        let schema = Schema([
            Field("snapshot timestamp", .timestamp(.microseconds, utc: true), nullable: false),
            Field("crypto\"id", .int64), Field("price", .decimal(precision: 18, scale: 8)),
        ])
        let definition = TableDefinition(
            name: TableName(schema: "wh", "fact market"), schema: schema,
            primaryKey: ["snapshot timestamp", "crypto\"id"],
            foreignKeys: [ForeignKey(columns: ["crypto\"id"], references: TableName(schema: "wh", "dim"), ["id"])])
        #expect(
            try definition.createStatement()
                == "CREATE TABLE IF NOT EXISTS \"wh\".\"fact market\" (\"snapshot timestamp\" timestamp with time zone "
                + "NOT NULL, \"crypto\"\"id\" bigint NOT NULL, \"price\" numeric(18,8), PRIMARY KEY "
                + "(\"snapshot timestamp\", \"crypto\"\"id\"), FOREIGN KEY (\"crypto\"\"id\") REFERENCES \"wh\".\"dim\" "
                + "(\"id\"))")
        let database = try TestDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE SCHEMA wh")
        try connection.execute(
            try TableDefinition(
                name: TableName(schema: "wh", "dim"), schema: Schema([Field("id", .int64)]), primaryKey: ["id"]
            )
            .createStatement())
        try connection.execute(try definition.createStatement())
        try connection.execute(try definition.createStatement())  // IF NOT EXISTS: a second run is harmless
        #expect(
            try database.psql(
                "SELECT string_agg(contype::text, '' ORDER BY contype) FROM pg_constraint "
                    + "WHERE conrelid = 'wh.\"fact market\"'::regclass") == "fp")
        #expect(throws: WarehouseError.missingColumn(table: "t", column: "nope")) {
            try TableDefinition(name: TableName("t"), schema: schema, primaryKey: ["nope"]).createStatement()
        }
    }

    @Test func migrationsApplyInOrderOnceEachAndAFailingOneLeavesNothing() throws {
        let database = try TestDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lake-mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ sql: String) throws {
            try sql.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("0002_add_column.sql", "ALTER TABLE dim ADD COLUMN name text;\nINSERT INTO dim VALUES (2, 'b');")
        try write("0001_create.sql", "CREATE TABLE dim (id bigint PRIMARY KEY);\nINSERT INTO dim VALUES (1);")
        try write("README.md", "not a migration")
        let store = LocalObjectStore(root: folder.path)
        let runner = MigrationRunner(connection: try database.connect())
        let outcomes = try runner.apply(try Migration.load(from: store))
        #expect(outcomes.map(\.1) == [.applied, .applied])
        #expect(try runner.apply(try Migration.load(from: store)).map(\.1) == [.alreadyApplied, .alreadyApplied])
        #expect(
            try database.psql("SELECT string_agg(version || name, ',' ORDER BY version) FROM lake_migrations")
                == "1create,2add_column")

        try write("0003_broken.sql", "INSERT INTO dim VALUES (3, 'c');\nSELECT no_such_function();")
        #expect(throws: WarehouseError.self) { try runner.apply(try Migration.load(from: store)) }
        #expect(try database.psql("SELECT count(*) FROM dim") == "2")
        #expect(try database.psql("SELECT max(version) FROM lake_migrations") == "2")

        try FileManager.default.removeItem(at: folder.appendingPathComponent("0003_broken.sql"))
        try write("0001_create.sql", "CREATE TABLE dim (id bigint PRIMARY KEY); -- edited after it was applied")
        #expect(throws: WarehouseError.self) { try runner.apply(try Migration.load(from: store)) }

        try write("1_bad.sql", "SELECT 1;")
        #expect(
            throws: WarehouseError.migration(file: "1_bad.sql", reason: "name must look like 0001_create_tables.sql")
        ) {
            try Migration.load(from: store)
        }
    }
}
