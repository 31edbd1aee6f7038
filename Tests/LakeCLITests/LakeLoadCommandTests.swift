import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// `lake load` and `lake warehouse migrate` through the built executable, against the shared test server.
@Suite struct LakeLoadCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("lake-cli-load-\(UUID().uuidString)")

    func lake(_ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess.Result {
        let binary =
            try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
        return try ChildProcess.run(binary, arguments, environment: environment, secondsMax: 120)
    }

    static let schema = Schema([Field("crypto_id", .int64, nullable: false), Field("price", .float64)])

    static func batch(_ ids: Range<Int64>) -> Batch {
        var id = ColumnBuilder(type: .int64)
        var price = ColumnBuilder(type: .float64)
        for value in ids {
            try? id.append(.int(value))
            try? price.append(.float64(Double(value) * 1.5))
        }
        return Batch(schema: schema, columns: [id.build(), price.build()])
    }

    @Test func loadIsExactlyOncePerVersionAndAppendsOnlyNewFilesLater() throws {
        let server = try PostgresServer.shared()
        let database = "cli_load_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try server.createDatabase(database)
        let table = Table(store: LocalObjectStore(root: root.appendingPathComponent("silver/fact_market").path))
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("silver/fact_market"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try table.create(schema: Self.schema)
        try table.append([Self.batch(0..<100)])

        // Trust authentication ignores the password; it must still never be printed.
        let withPassword = url.replacingOccurrences(of: "postgres@", with: "postgres:Pw-9f3k2@")
        let first = try lake(["load", "silver.fact_market", "--to", withPassword, "--root", root.path])
        #expect(first.exitStatus == 0, "\(first.standardError)")
        #expect(first.text.contains("rows read 100, loaded 100, rejected by FK 0"))
        #expect(first.standardError.contains("loading silver.fact_market version 1"))
        #expect(!(first.text + first.standardError).contains("Pw-9f3k2"))

        let again = try lake(
            ["load", "silver.fact_market", "--root", root.path], environment: ["LAKE_WAREHOUSE_URL": url])
        #expect(again.exitStatus == 0)
        #expect(again.text.contains("already loaded"))

        try table.append([Self.batch(100..<130)])
        let next = try lake(["load", "silver.fact_market", "--to", url, "--root", root.path])
        #expect(next.text.contains("rows read 30, loaded 30"), "\(next.text)\(next.standardError)")
        #expect(
            try server.psql("SELECT count(*), count(DISTINCT crypto_id) FROM fact_market", database: database)
                == "130|130")

        let bad = try lake(["load", "silver.fact_market", "--to", url, "--root", root.path, "--mode", "upsert"])
        #expect(bad.exitStatus != 0)
    }

    @Test func migrateAppliesAFolderOnceAndLoadRejectsRowsMissingFromADimension() throws {
        let server = try PostgresServer.shared()
        let database = "cli_mig_\(UUID().uuidString.prefix(8).lowercased())"
        let url = try server.createDatabase(database)
        let migrations = root.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try
            "CREATE TABLE dim_crypto (crypto_id bigint PRIMARY KEY);\nINSERT INTO dim_crypto SELECT generate_series(0, 9);"
            .write(to: migrations.appendingPathComponent("0001_dim.sql"), atomically: true, encoding: .utf8)
        try ("CREATE TABLE fact (crypto_id bigint NOT NULL REFERENCES dim_crypto, price double precision);")
            .write(to: migrations.appendingPathComponent("0002_fact.sql"), atomically: true, encoding: .utf8)
        let migrate = try lake(["warehouse", "migrate", "--to", url, "--dir", migrations.path])
        #expect(migrate.exitStatus == 0, "\(migrate.standardError)")
        #expect(migrate.text.contains("2 migration(s) applied, 0 already applied"))
        let rerun = try lake(["warehouse", "migrate", "--to", url, "--dir", migrations.path])
        #expect(rerun.text.contains("0 migration(s) applied, 2 already applied"))

        let path = root.appendingPathComponent("facts").path
        let table = Table(store: LocalObjectStore(root: path))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try table.create(schema: Self.schema)
        try table.append([Self.batch(5..<15)])
        let load = try lake([
            "load", path, "--to", url, "--target", "fact", "--require-key", "crypto_id=dim_crypto.crypto_id",
        ])
        #expect(load.exitStatus == 0, "\(load.standardError)")
        #expect(load.text.contains("rows read 10, loaded 5, rejected by FK 5"), "\(load.text)")
    }
}
