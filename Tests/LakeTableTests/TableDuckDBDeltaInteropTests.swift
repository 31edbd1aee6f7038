import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Testing

/// Tables we write read by DuckDB's delta extension (`delta_scan`) at every version, row by row.
///
/// The extension runs in its own virtual environment (DuckDB 1.5.5 with the `duckdb-extension-delta` wheel,
/// spec/table-log.md §15.1), created on first use by `Tests/interop/setup_duckdb_delta.sh`; the test fails, not
/// skips, when that environment cannot be made. Set `LAKE_DUCKDB_DELTA_VENV` to reuse an environment elsewhere.
@Suite(.serialized) struct TableDuckDBDeltaInteropTests {
    /// The venv's interpreter, creating the venv when needed.
    static func interpreter() throws -> String {
        let root = try FixturePaths.repositoryRoot()
        let result = try ChildProcess.run(
            "/bin/bash", [root.appendingPathComponent("Tests/interop/setup_duckdb_delta.sh").path], directory: root,
            secondsMax: 900)
        guard result.exitStatus == 0 else {
            throw PythonPeer.Failure.scriptFailed(
                script: "setup_duckdb_delta.sh", arguments: [], exitStatus: result.exitStatus,
                standardError: result.standardError)
        }
        return result.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The rows DuckDB reads at `version`, in `TableRows.canonical` form.
    static func duckdbRows(_ python: String, _ path: String, version: Int64, schema: Schema) throws -> [[String:
        String]]
    {
        let root = try FixturePaths.repositoryRoot()
        let script = root.appendingPathComponent("Tests/interop/duckdb_delta_read.py").path
        let result = try ChildProcess.run(
            python, [script, path, "--version", String(version)], environment: ["PYTHONDONTWRITEBYTECODE": "1"],
            directory: root)
        guard result.exitStatus == 0 else {
            throw PythonPeer.Failure.scriptFailed(
                script: "duckdb_delta_read.py", arguments: [path, "--version", String(version)],
                exitStatus: result.exitStatus, standardError: result.standardError)
        }
        let document = try #require(try JSONParser.parse(result.text).objectValue)
        #expect(document["duckdb"]?.stringValue == "1.5.5")
        let rows = try #require(document["rows"]?.arrayValue)
        return TableRows.canonical(peerRows: rows, schema: schema)
    }

    static func expectDuckDBReadsEveryVersion(_ scratch: ScratchDirectory) throws {
        let python = try interpreter()
        let table = Table(store: scratch.store, root: "t")
        let path = scratch.url.appendingPathComponent("t").path
        for version in 0...(try table.snapshot().version) {
            let scan = try table.scan(version: version)
            let ours = TableRows.canonical(try scan.readAll())
            #expect(try duckdbRows(python, path, version: version, schema: scan.schema) == ours, "version \(version)")
        }
    }

    @Test func duckdbReadsOurPlainTable() throws {
        let scratch = try ScratchDirectory("duckdb-plain")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<40, seed: 1_101)])
        try table.append([TableRows.batch(40..<55, seed: 1_102)], txn: TransactionAction(appId: "duck", version: 1))
        try table.overwrite([TableRows.batch(100..<120, seed: 1_103)])
        try table.delete(where: [ParquetPredicate("id", .less, .int(105))])
        try table.merge([TableRows.batch(115..<125, seed: 1_104)], on: ["id"], mode: .upsert)
        try table.append(
            [TableSchemaEvolutionTests.widerBatch(200..<205, seed: 1_105)], schemaEvolution: .addNewColumns)
        try Self.expectDuckDBReadsEveryVersion(scratch)
    }

    @Test func duckdbReadsOurPartitionedTable() throws {
        let scratch = try ScratchDirectory("duckdb-partitioned")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.regionalBatch(0..<1, seed: 0).schema, partitionColumns: ["region", "day"])
        try table.append([TableRows.regionalBatch(0..<30, seed: 1_106)])
        try table.append([TableRows.regionalBatch(30..<45, seed: 1_107)])
        try table.overwrite(
            [TablePartitionOverwriteTests.rows(300..<304, region: "c d/e", seed: 1_108)],
            replaceWhere: [ParquetPredicate("region", .equal, .string("c d/e"))])
        try table.delete(where: [ParquetPredicate("region", .equal, .string("eu"))])
        try Self.expectDuckDBReadsEveryVersion(scratch)
    }

    @Test func duckdbReadsOurOptimizedTables() throws {
        let scratch = try ScratchDirectory("duckdb-optimized")
        let table = try TableZOrderTests.table(scratch, partitionColumns: ["region"])
        try table.optimize()
        try table.append([TableZOrderTests.batch(2_000..<2_050, seed: 1_109)])
        try table.optimize(zOrderBy: ["x", "y"], targetFileBytes: try TableZOrderTests.targetBytes(table, files: 4))
        try Self.expectDuckDBReadsEveryVersion(scratch)
    }

    @Test func duckdbReadsOurCheckpointedTableBeforeAndAfterVacuum() throws {
        let scratch = try ScratchDirectory("duckdb-checkpointed")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, properties: ["delta.checkpointInterval": "3"])
        for step in 0..<7 {
            let start = Int64(step * 20)
            try table.append([TableRows.batch(start..<(start + 20), seed: 1_110 + UInt64(step))])
        }
        try table.delete(where: [ParquetPredicate("id", .less, .int(30))])
        try table.optimize()
        #expect(try table.lastCheckpoint() != nil)
        try Self.expectDuckDBReadsEveryVersion(scratch)

        let report = try table.vacuum(retentionHours: 0, allowShortRetention: true)
        #expect(!report.files.isEmpty)
        let python = try Self.interpreter()
        let latest = try table.snapshot().version
        let scan = try table.scan(version: latest)
        let path = scratch.url.appendingPathComponent("t").path
        #expect(
            try Self.duckdbRows(python, path, version: latest, schema: scan.schema)
                == TableRows.canonical(try scan.readAll()))
    }
}
