import Dispatch
import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Synchronization
import Testing

/// `lake append` through the built executable: formats, idempotent `--txn`, schema evolution, table creation, and
/// several `lake append` processes racing on one table.
@Suite struct LakeAppendCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "lake-cli-append-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static func lake(_ arguments: [String]) throws -> ChildProcess.Result {
        let binary =
            try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
        return try ChildProcess.run(binary, arguments, secondsMax: 120)
    }

    func lake(_ arguments: String...) throws -> ChildProcess.Result { try Self.lake(arguments) }

    var tablePath: String { directory.appendingPathComponent("t").path }

    /// Writes `id,city` rows `ids` as CSV and returns the path.
    func csv(_ name: String, _ ids: Range<Int>) throws -> String {
        let url = directory.appendingPathComponent(name)
        let text = "id,city\n" + ids.map { "\($0),c\($0 % 7)\n" }.joined()
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func ids(_ table: Table) throws -> [Int64] {
        var result: [Int64] = []
        for batch in try table.scan(columns: ["id"]).readAll() {
            for row in 0..<batch.rowCount {
                if case .int(let value) = batch.columns[0].value(at: row) { result.append(value) }
            }
        }
        return result.sorted()
    }

    @Test func appendCreatesTheTableThenAppendsEachFormat() throws {
        let created = try lake("append", tablePath, try csv("a.csv", 0..<5))
        #expect(created.exitStatus == 0, "\(created.standardError)")
        #expect(created.text == "appended 5 rows as version 1\n", "\(created.text)")
        #expect(created.standardError.contains("created the table"))
        #expect(created.standardError.contains("appended 5 rows from"), "summary: \(created.standardError)")

        let jsonl = directory.appendingPathComponent("b.jsonl")
        try Data((5..<8).map { "{\"id\": \($0), \"city\": \"j\($0)\"}\n" }.joined().utf8).write(to: jsonl)
        let fromJSON = try lake("append", tablePath, jsonl.path, "--quiet")
        #expect(fromJSON.exitStatus == 0, "\(fromJSON.standardError)")
        #expect(fromJSON.text == "appended 3 rows as version 2\n")
        #expect(fromJSON.standardError.isEmpty, "--quiet printed: \(fromJSON.standardError)")

        let parquet = directory.appendingPathComponent("c.parquet").path
        let converted = try lake("parquet", "convert", try csv("c.csv", 8..<12), parquet)
        #expect(converted.exitStatus == 0, "\(converted.standardError)")
        let fromParquet = try lake("append", tablePath, parquet)
        #expect(fromParquet.exitStatus == 0, "\(fromParquet.standardError)")
        #expect(fromParquet.text == "appended 4 rows as version 3\n")

        let table = Table(store: LocalObjectStore(root: tablePath))
        #expect(try ids(table) == Array(0..<12))
        #expect(try table.snapshot().version == 3)
        let history = try lake("history", tablePath)
        #expect(history.text.split(separator: "\n").count == 5, "\(history.text)")

        let unknown = try lake("append", tablePath, directory.appendingPathComponent("d.txt").path)
        #expect(unknown.exitStatus != 0 && unknown.standardError.contains("cannot tell the format"))
        #expect(try table.snapshot().version == 3)
    }

    @Test func appendWithTxnIsIdempotent() throws {
        let input = try csv("a.csv", 0..<4)
        #expect(try lake("append", tablePath, input, "--txn", "loader:7").text == "appended 4 rows as version 1\n")
        let replay = try lake("append", tablePath, input, "--txn", "loader:7")
        #expect(replay.exitStatus == 0, "\(replay.standardError)")
        #expect(replay.text == "already applied at version 1\n")
        let older = try lake("append", tablePath, input, "--txn", "loader:3")
        #expect(older.text == "already applied at version 1\n")
        #expect(try lake("append", tablePath, input, "--txn", "loader:8").text == "appended 4 rows as version 2\n")
        let table = Table(store: LocalObjectStore(root: tablePath))
        #expect(try table.snapshot().transactionVersion(appId: "loader") == 8)
        #expect(try ids(table).count == 8)
        let bad = try lake("append", tablePath, input, "--txn", "loader")
        #expect(bad.exitStatus == 64, "\(bad.standardError)")
        #expect(bad.standardError.contains("application:version"))
    }

    @Test func appendRefusesNewColumnsUnlessSchemaEvolutionIsAsked() throws {
        #expect(try lake("append", tablePath, try csv("a.csv", 0..<3)).exitStatus == 0)
        let wider = directory.appendingPathComponent("wide.csv")
        try Data("id,city,score\n3,c3,1.5\n4,c4,2.5\n".utf8).write(to: wider)
        let refused = try lake("append", tablePath, wider.path)
        #expect(refused.exitStatus == 1)
        #expect(refused.standardError.contains("score"), "\(refused.standardError)")
        let evolved = try lake("append", tablePath, wider.path, "--schema-evolution")
        #expect(evolved.exitStatus == 0, "\(evolved.standardError)")
        #expect(evolved.text == "appended 2 rows as version 2\n")
        let table = Table(store: LocalObjectStore(root: tablePath))
        #expect(try table.snapshot().schema.columnarSchema().fields.map(\.name) == ["id", "city", "score"])
        #expect(try ids(table) == [0, 1, 2, 3, 4])
    }

    /// Four `lake append` processes, three appends each, on one table: every commit lands exactly once, versions
    /// run 1...K without gaps, the row count is exact.
    @Test func racingAppendProcessesCommitEveryAppendExactlyOnce() throws {
        #expect(try lake("append", tablePath, try csv("seed.csv", 0..<10)).exitStatus == 0)
        let processes = 4
        let appendsPerProcess = 3
        var inputs: [[String]] = []
        for process in 0..<processes {
            var files: [String] = []
            for step in 0..<appendsPerProcess {
                let start = 1_000 + (process * appendsPerProcess + step) * 10
                files.append(try csv("p\(process)-\(step).csv", start..<start + 3 + step))
            }
            inputs.append(files)
        }
        let inputFiles = inputs
        let results = Mutex<[String: ChildProcess.Result]>([:])
        let failures = Mutex<[String]>([])
        let tablePath = self.tablePath
        DispatchQueue.concurrentPerform(iterations: processes) { process in
            for (step, input) in inputFiles[process].enumerated() {
                do {
                    let result = try Self.lake(["append", tablePath, input, "--quiet"])
                    results.withLock { $0["\(process)-\(step)"] = result }
                } catch {
                    failures.withLock { $0.append("\(process)-\(step): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let all = results.withLock { $0 }
        #expect(all.count == processes * appendsPerProcess)
        var versions: [Int64] = []
        for (key, result) in all {
            #expect(result.exitStatus == 0, "\(key): \(result.standardError)")
            let words = result.text.split(separator: " ")
            if let last = words.last, let version = Int64(last.dropLast()) { versions.append(version) }
        }
        let expectedVersions = Array(2...Int64(1 + processes * appendsPerProcess))
        #expect(versions.sorted() == expectedVersions, "reported versions \(versions.sorted())")
        let table = Table(store: LocalObjectStore(root: tablePath))
        #expect(try table.snapshot().version == expectedVersions.last)
        let log = try FileManager.default.contentsOfDirectory(atPath: tablePath + "/_delta_log")
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(log == (0...(expectedVersions.last ?? 0)).map { LogFileName.commitName($0) })
        var expected = Array(0..<10).map(Int64.init)
        for process in 0..<processes {
            for step in 0..<appendsPerProcess {
                let start = 1_000 + (process * appendsPerProcess + step) * 10
                expected += (start..<start + 3 + step).map(Int64.init)
            }
        }
        #expect(try ids(table) == expected.sorted(), "an append was lost or landed twice")
        // Each version after the seed adds exactly one input's rows.
        for version in expectedVersions {
            let added =
                try table.snapshot(version: version).files.count - table.snapshot(version: version - 1).files.count
            #expect(added >= 1, "version \(version) added no file")
        }
    }
}
