import LakeColumnar
import LakeTestSupport
import LakeWarehouse
import Synchronization
import Testing

/// Loads against a server of the test's own that is killed in the middle of a COPY.
@Suite(.serialized) struct FaultTests {
    @Test(arguments: [1, 2])
    func serverKilledMidCopyLeavesNothingAndTheRetryLoadsExactlyOnce(connections: Int) throws {
        let server = try PostgresServer.start()
        defer { server.destroy() }
        let database = try TestDatabase(server: server)
        let schema = try idLabelBatch([1]).schema
        let target = TableName("fact_market")
        let source = LoadSource(identity: "silver/fact_market", version: 7)
        func parts(killAfter kill: Int?) throws -> [LoadPart] {
            let sent = Mutex(0)
            return try (0..<4).map { part in
                let batches = try (0..<5).map { index in
                    try idLabelBatch((0..<2_000).map { Int64(part * 10_000 + index * 2_000 + $0) })
                }
                return LoadPart { emit in
                    for batch in batches {
                        try emit(batch)
                        let count = sent.withLock { value in
                            value += 1
                            return value
                        }
                        if let kill, count == kill { try server.stop(immediate: true) }
                    }
                }
            }
        }
        var options = LoadOptions()
        options.connections = connections
        options.chunkRowsMax = 500
        // Create the target first, so the check after the crash can count its rows.
        try database.connect().execute(
            try TableDefinition(name: target, schema: schema, primaryKey: ["id"]).createStatement())
        do {
            _ = try WarehouseLoader(url: database.url).load(
                LoadInput(schema: schema, parts: try parts(killAfter: 6)), into: target, from: source, options: options)
            Issue.record("the load must fail when the server dies")
        } catch {
            guard case .connection(let message)? = error as? WarehouseError else {
                Issue.record("expected a connection error, got \(error)")
                return
            }
            #expect(!message.isEmpty)
        }
        try server.startProcess()
        #expect(try database.count("fact_market") == 0)
        // The test server runs with synchronous_commit off, so even the state table's creation may be lost.
        if try database.psql("SELECT to_regclass('lake_load_state') IS NOT NULL") == "t" {
            #expect(try database.psql("SELECT count(*) FROM lake_load_state") == "0")
        }
        let retry = try WarehouseLoader(url: database.url).load(
            LoadInput(schema: schema, parts: try parts(killAfter: nil)), into: target, from: source, options: options)
        #expect(retry.rowsLoaded == 40_000)
        let again = try WarehouseLoader(url: database.url).load(
            LoadInput(schema: schema, parts: try parts(killAfter: nil)), into: target, from: source, options: options)
        #expect(again.alreadyLoaded)
        #expect(try database.psql("SELECT count(*), count(DISTINCT id) FROM fact_market") == "40000|40000")
    }
}
