import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `lake ingest` through the built executable: a process killed mid-stream resumes exactly once, follow mode and
/// SIGINT, rejected lines, schemas from existing tables, standard input, idempotent re-runs.
@Suite struct IngestCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "lake-cli-ingest-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static func binary() throws -> String {
        try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
    }

    func lake(_ arguments: String...) throws -> ChildProcess.Result {
        try ChildProcess.run(Self.binary(), arguments, secondsMax: 300)
    }

    /// A `lake` process left running, its output going to files.
    final class Running {
        let process = Process()
        let standardOutput: URL
        let standardError: URL

        init(_ arguments: [String], in directory: URL) throws {
            let id = UUID().uuidString
            standardOutput = directory.appendingPathComponent("stdout-\(id)")
            standardError = directory.appendingPathComponent("stderr-\(id)")
            _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
            _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: try IngestCommandTests.binary())
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: standardOutput)
            process.standardError = try FileHandle(forWritingTo: standardError)
            try process.run()
        }

        func signal(_ number: Int32) {
            kill(process.processIdentifier, number)
        }

        /// Waits for the exit, killing the process after `secondsMax`.
        func wait(secondsMax: Double = 60) -> (status: Int32, reason: Process.TerminationReason) {
            let deadline = Date().addingTimeInterval(secondsMax)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { signal(SIGKILL) }
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason)
        }

        var output: String { (try? String(contentsOf: standardOutput, encoding: .utf8)) ?? "" }
        var errors: String { (try? String(contentsOf: standardError, encoding: .utf8)) ?? "" }
    }

    var tablePath: String { directory.appendingPathComponent("t").path }
    var table: Table { Table(store: LocalObjectStore(root: tablePath)) }

    func write(_ text: String, to name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    static func lines(_ ids: Range<Int>) -> String {
        ids.map { "{\"id\": \($0), \"city\": \"c\($0 % 7)\"}\n" }.joined()
    }

    /// Every id in the table, sorted (duplicates kept).
    func ids(_ table: Table) throws -> [Int64] {
        var result: [Int64] = []
        for batch in try table.scan(columns: ["id"]).readAll() {
            for row in 0..<batch.rowCount {
                if case .int(let value) = batch.columns[0].value(at: row) { result.append(value) }
            }
        }
        return result.sorted()
    }

    /// The latest table version, or -1 before the table exists.
    func latestVersion() -> Int64 {
        (try? table.snapshot().version) ?? -1
    }

    /// Polls `condition` every 50 ms for at most `secondsMax`.
    func eventually(secondsMax: Double = 60, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(secondsMax)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    @Test func aKilledIngestResumesAfterItsLastCommitAndAppendsEveryLineExactlyOnce() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 60_000
        let input = try write(Self.lines(0..<count), to: "events.jsonl")
        let running = try Running(
            ["ingest", tablePath, "--from", input.path, "--batch-rows", "300", "--quiet"], in: directory)
        #expect(eventually { latestVersion() >= 4 }, "no commits: \(running.errors)")
        running.signal(SIGKILL)
        let killed = running.wait()
        #expect(killed.reason == .uncaughtSignal, "the ingest ended before it was killed: \(running.output)")
        let committedBeforeKill = latestVersion()
        #expect(
            committedBeforeKill < 200, "200 batches make versions 1...200; the kill came after \(committedBeforeKill)")

        let resumed = try lake("ingest", tablePath, "--from", input.path, "--batch-rows", "3000")
        #expect(resumed.exitStatus == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("resuming \(input.path) after byte"), "\(resumed.standardError)")
        #expect(try ids(table) == (0..<count).map(Int64.init), "every line exactly once")
        let transactions = try table.snapshot().transactions
        #expect(transactions.count == 1 && transactions.keys.first?.hasPrefix("lake-ingest:/") == true)
        #expect(transactions.keys.first?.hasSuffix("/events.jsonl") == true, "\(transactions)")
        #expect(transactions.values.first?.version == Int64(try Data(contentsOf: input).count))

        let again = try lake("ingest", tablePath, "--from", input.path)
        #expect(again.exitStatus == 0 && again.text == "nothing new to ingest\n", "\(again.text)")
        #expect(try ids(table).count == count)
    }

    @Test func followModeIngestsAppendedLinesAndSIGINTCommitsThePendingBatch() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try write(Self.lines(0..<4), to: "follow.jsonl")
        let running = try Running(
            ["ingest", tablePath, "--from", input.path, "--follow", "--batch-rows", "2", "--batch-seconds", "600"],
            in: directory)
        #expect(eventually { (try? ids(table).count) == 4 }, "\(running.errors)")
        try append(Self.lines(4..<7) + "{\"id\": 7, \"ci", to: input)
        #expect(eventually { (try? ids(table).count) == 6 }, "\(running.errors)")
        usleep(300_000)
        #expect(try ids(table).count == 6, "the seventh line waits for its batch")
        running.signal(SIGINT)
        let finished = running.wait()
        #expect(finished.status == 0 && finished.reason == .exit, "\(running.errors)")
        #expect(running.output == "appended 7 rows in 4 commits; table version 4\n", "\(running.output)")
        #expect(running.errors.contains("stopped: appended 7 rows"), "\(running.errors)")
        #expect(try ids(table) == (0..<7).map(Int64.init), "the partial last line is not ingested")

        try append("ty\": \"c0\"}\n", to: input)
        let rest = try lake("ingest", tablePath, "--from", input.path)
        #expect(rest.exitStatus == 0 && rest.text == "appended 1 rows in 1 commits; table version 5\n", "\(rest.text)")
        #expect(try ids(table) == (0..<8).map(Int64.init))
    }

    @Test func badLinesAreReportedWithFileAndLineThenSkippedOrFatal() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try write(
            Self.lines(0..<1) + "{\"id\": 1, \"city\": \n" + Self.lines(2..<3)
                + "{\"id\": 3, \"city\": \"x\", \"id\": 4}\n",
            to: "bad.jsonl")
        let failing = try lake("ingest", tablePath, "--from", input.path, "--on-error", "fail")
        #expect(failing.exitStatus == 1)
        #expect(failing.standardError.contains("\(input.path):2:"), "\(failing.standardError)")
        #expect(latestVersion() == -1, "nothing committed, not even the table")

        let skipping = try lake("ingest", tablePath, "--from", input.path)
        #expect(skipping.exitStatus == 0, "\(skipping.standardError)")
        #expect(skipping.standardError.contains("rejected \(input.path):2:"), "\(skipping.standardError)")
        #expect(skipping.standardError.contains("rejected \(input.path):4:"), "\(skipping.standardError)")
        #expect(
            skipping.text.hasPrefix("appended 2 rows in 1 commits; rejected 2 lines into \(tablePath)_rejected.jsonl"))
        let records = try String(contentsOfFile: tablePath + "_rejected.jsonl", encoding: .utf8)
            .split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
        #expect(records.count == 2)
        if case .object(let first)? = records.first {
            #expect(first["line"] == .number(.int64(2)) && first["source"] == .string(input.path))
            #expect(first["text"] == .string("{\"id\": 1, \"city\": "))
        }
        #expect(try ids(table) == [0, 2])
    }

    @Test func theSchemaComesFromTheExistingTableOrFromAnotherOne() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try write("{\"id\": 1, \"score\": 2}\n", to: "first.jsonl")
        let created = try lake("ingest", tablePath, "--from", first.path, "--schema", "id:int64 not null,score:float64")
        #expect(created.exitStatus == 0, "\(created.standardError)")
        let fields = try table.snapshot().schema.columnarSchema().fields
        #expect(fields.map(\.type) == [.int64, .float64] && fields.map(\.isNullable) == [false, true])

        let more = try write(
            "{\"id\": 2, \"score\": 7}\n{\"id\": 3, \"score\": \"high\"}\n{\"score\": 1.5}\n", to: "more.jsonl")
        let appended = try lake("ingest", tablePath, "--from", more.path)
        #expect(appended.exitStatus == 0, "\(appended.standardError)")
        #expect(
            appended.standardError.contains("\(more.path):2:") && appended.standardError.contains("\(more.path):3:"))
        #expect(try ids(table) == [1, 2])

        let other = directory.appendingPathComponent("other").path
        let copied = try lake("ingest", other, "--from", more.path, "--schema", tablePath)
        #expect(copied.exitStatus == 0, "\(copied.standardError)")
        let otherTable = Table(store: LocalObjectStore(root: other))
        #expect(try otherTable.snapshot().schema.columnarSchema().fields == fields)

        let conflicting = try lake("ingest", tablePath, "--from", more.path, "--schema", "score:utf8")
        #expect(conflicting.exitStatus == 1 && conflicting.standardError.contains("score"))
    }

    @Test func standardInputBatchesCarrySequenceNumbers() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = try Self.binary()
        for (name, ids) in [("a.jsonl", 0..<5), ("b.jsonl", 5..<8)] {
            let input = try write(Self.lines(ids), to: name)
            let result = try ChildProcess.run(
                "/bin/sh",
                ["-c", "exec \"$0\" ingest \"$1\" --batch-rows 2 --quiet < \"$2\"", binary, tablePath, input.path])
            #expect(result.exitStatus == 0, "\(result.standardError)")
        }
        #expect(try table.snapshot().transactionVersion(appId: "lake-ingest:stdin") == 5)
        #expect(try ids(table) == (0..<8).map(Int64.init))
    }
}
