import Foundation
import LakeCore
import LakeParquet

/// `lake-bench parquet`: every task, `runs` times each, lake and pyarrow alternating, each run in a fresh child
/// process; then the checks, the table and the JSON report.
struct ParquetSuite {
    var dataDirectory: String
    var outputDirectory: String
    var jsonPath: String
    var python: String
    var peerScript: String
    var runs: Int
    var tasks: [BenchTask]
    var withPeer: Bool

    /// Row counts of the standard dataset (`gen_data.py` defaults), checked exactly when the input has that size.
    static let standardRows = 10_010_000
    static let standardFilteredRows = 20_020

    private var inputPath: String { dataDirectory + "/" + Worker.inputName }
    private var logDirectory: String { outputDirectory + "/logs" }

    /// Runs the suite; returns false when a check failed.
    func run() throws -> Bool {
        guard FileManager.default.fileExists(atPath: inputPath) else {
            throw ChildProcess.Failure(
                description:
                    "missing \(inputPath): run python3 /work/shared/bench/gen_data.py --out-dir \(dataDirectory)")
        }
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        let input = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Worker.inputName)
        print(
            "input \(inputPath): \(input.rowCount) rows, \(input.rowGroupCount) row groups, "
                + "\(Format.megabytes(Int(input.fileBytes))) MB; \(runs) runs per tool; "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        var results: [TaskResult] = []
        for task in tasks {
            print("== \(task.rawValue): \(task.summary)")
            var lakeRuns: [RunRecord] = []
            var peerRuns: [RunRecord] = []
            var peerCheck: PeerCheck?
            for index in 0..<runs {
                let keep = task.isWrite && index == 0
                let record = try runLake(task, index, keep: keep)
                lakeRuns.append(record)
                report(.lake, task, index, record)
                if keep {
                    peerCheck = try runPeerCheck(task)
                    try? FileManager.default.removeItem(atPath: outputDirectory + "/" + Worker.outputName(task))
                }
                if withPeer {
                    let peer = try runPeer(task, index)
                    peerRuns.append(peer)
                    report(.pyarrow, task, index, peer)
                }
            }
            let result = TaskResult(
                task: task, lake: RunSummary(lakeRuns), pyarrow: peerRuns.isEmpty ? nil : RunSummary(peerRuns),
                pyarrowCheck: peerCheck, checks: checks(task, lakeRuns, peerRuns, peerCheck, input))
            for check in result.checks {
                print("  check \(check.passed ? "ok  " : "FAIL") \(check.name): \(check.detail)")
            }
            results.append(result)
        }
        let table = Format.table(results)
        print("\n" + table)
        try writeReport(results, table: table, input: input)
        return results.allSatisfy { $0.checks.allSatisfy(\.passed) }
    }

    // MARK: - Runs

    private func runLake(_ task: BenchTask, _ index: Int, keep: Bool) throws -> RunRecord {
        var arguments = [
            Self.executablePath(), "worker", task.rawValue, "--data", dataDirectory, "--out", outputDirectory,
        ]
        if keep { arguments.append("--keep") }
        return try runChild(arguments, log: "lake.\(task.rawValue).\(index).log")
    }

    private func runPeer(_ task: BenchTask, _ index: Int) throws -> RunRecord {
        try runChild(
            [python, peerScript, "run", task.rawValue, "--input", inputPath, "--out-dir", outputDirectory],
            log: "pyarrow.\(task.rawValue).\(index).log")
    }

    private func runPeerCheck(_ task: BenchTask) throws -> PeerCheck {
        let file = outputDirectory + "/" + Worker.outputName(task)
        let outcome = try ChildProcess(
            arguments: [python, peerScript, "check", "--file", file, "--input", inputPath],
            logPath: logDirectory + "/pyarrow.check.\(task.rawValue).log"
        ).run()
        guard outcome.exitCode == 0, let json = outcome.resultJSON else {
            throw ChildProcess.Failure(description: "pyarrow check of \(file) failed:\n\(outcome.log.suffix(3000))")
        }
        return try JSONDecoder().decode(PeerCheck.self, from: json)
    }

    private func runChild(_ arguments: [String], log: String) throws -> RunRecord {
        let outcome = try ChildProcess(arguments: arguments, logPath: logDirectory + "/" + log).run()
        guard outcome.exitCode == 0, let json = outcome.resultJSON else {
            throw ChildProcess.Failure(
                description:
                    "\(arguments.joined(separator: " ")) exited with \(outcome.exitCode):\n\(outcome.log.suffix(3000))")
        }
        var record = try JSONDecoder().decode(RunRecord.self, from: json)
        record.peakRSSKiB = outcome.peakRSSKiB
        return record
    }

    private func report(_ tool: BenchTool, _ task: BenchTask, _ index: Int, _ record: RunRecord) {
        let tag = "\(tool.rawValue)".padding(toLength: 8, withPad: " ", startingAt: 0)
        let peak = Format.mebibytes(record.peakRSSKiB ?? 0)
        let before = Format.mebibytes(record.rssBeforeKiB)
        let seconds = Format.seconds(record.seconds)
        print("  \(tag) run \(index + 1)/\(runs): \(seconds) s  peak RSS \(peak) MiB (before clock \(before))")
    }

    /// The path of this executable, so the parent can start workers of the same build.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    // MARK: - Checks

    private func checks(
        _ task: BenchTask, _ lake: [RunRecord], _ peer: [RunRecord], _ peerCheck: PeerCheck?,
        _ input: ParquetFileReader
    ) -> [TaskResult.Check] {
        typealias Check = TaskResult.Check
        let fileRows = Int(input.rowCount)
        var checks: [Check] = []
        let standard = fileRows == Self.standardRows
        switch task {
        case .writeZstd, .writeSnappy:
            let expectedGroups = (fileRows + Worker.rowGroupRows - 1) / Worker.rowGroupRows
            let written = lake.map { $0.info.rowsWritten ?? -1 }
            checks.append(
                Check(
                    name: "lake wrote every row", passed: written.allSatisfy { $0 == fileRows },
                    detail: "rows in footer \(written), input \(fileRows)"))
            let groups = lake.map { $0.info.rowGroups ?? -1 }
            checks.append(
                Check(
                    name: "1M-row row groups", passed: groups.allSatisfy { $0 == expectedGroups },
                    detail: "row groups \(groups), expected \(expectedGroups)"))
            if let peerCheck {
                checks.append(
                    Check(
                        name: "pyarrow reads lake's file", passed: peerCheck.rows == fileRows,
                        detail: "pyarrow read \(peerCheck.rows) rows in \(peerCheck.rowGroups) row groups"))
                checks.append(
                    Check(
                        name: "pyarrow sees the input's values", passed: peerCheck.columnsEqual,
                        detail: peerCheck.columnsEqual
                            ? "all columns equal the input" : peerCheck.mismatched.joined(separator: "; ")))
            }
        case .readFull:
            let rows = lake.map { $0.resultRows ?? -1 }
            let expected = standard ? Self.standardRows : fileRows
            checks.append(
                Check(
                    name: "full read returns every row", passed: rows.allSatisfy { $0 == expected },
                    detail: "rows \(rows), expected \(expected)"))
            let columns = lake.map { $0.info.columns ?? -1 }
            checks.append(
                Check(
                    name: "full read returns every column",
                    passed: columns.allSatisfy { $0 == input.schema.fields.count },
                    detail: "columns \(columns), file has \(input.schema.fields.count)"))
            if let reference = peer.first {
                checks.append(sameInfo(lake, reference))
            }
        case .readFilter:
            let rows = lake.map { $0.resultRows ?? -1 }
            let expected = standard ? Self.standardFilteredRows : peer.first?.resultRows
            checks.append(
                Check(
                    name: "filtered read returns the matching rows",
                    passed: expected.map { expected in rows.allSatisfy { $0 == expected } } ?? false,
                    detail: "rows \(rows), expected \(expected.map(String.init) ?? "unknown (no peer run)")"))
            if let reference = peer.first {
                checks.append(sameInfo(lake, reference))
            }
        }
        return checks
    }

    /// Null counts and sums of what lake read equal pyarrow's (prices to a relative 1e-9: summation order).
    private func sameInfo(_ lake: [RunRecord], _ reference: RunRecord) -> TaskResult.Check {
        var differences: [String] = []
        for record in lake {
            if record.resultRows != reference.resultRows {
                differences.append("rows \(record.resultRows ?? -1) vs \(reference.resultRows ?? -1)")
            }
            if record.info.nullCounts != reference.info.nullCounts {
                differences.append("null counts \(record.info.nullCounts ?? []) vs \(reference.info.nullCounts ?? [])")
            }
            if record.info.cryptoIDSum != reference.info.cryptoIDSum {
                differences.append(
                    "crypto_id sum \(record.info.cryptoIDSum ?? 0) vs \(reference.info.cryptoIDSum ?? 0)")
            }
            if let ours = record.info.priceSum, let theirs = reference.info.priceSum,
                abs(ours - theirs) > 1e-9 * max(abs(theirs), 1)
            {
                differences.append("price sum \(ours) vs \(theirs)")
            }
        }
        return TaskResult.Check(
            name: "same rows, null counts and sums as pyarrow", passed: differences.isEmpty,
            detail: differences.isEmpty
                ? "equal in every run" : Array(Set(differences)).sorted().joined(separator: "; "))
    }

    // MARK: - Report

    private struct Report: Encodable {
        var generatedAt: String
        var machine: [String: String]
        var input: [String: String]
        var runsPerTool: Int
        var tasks: [TaskResult]
        var table: String
    }

    private func writeReport(_ results: [TaskResult], table: String, input: ParquetFileReader) throws {
        let report = Report(
            generatedAt: ISO8601DateFormatter().string(from: Date()),
            machine: [
                "cores": "\(ProcessInfo.processInfo.activeProcessorCount)",
                "memoryGiB": String(format: "%.1f", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824),
                "os": ProcessInfo.processInfo.operatingSystemVersionString,
                "pyarrow": peerVersion(),
            ],
            input: ["path": inputPath, "rows": "\(input.rowCount)", "bytes": "\(input.fileBytes)"],
            runsPerTool: runs, tasks: results, table: table)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let directory = (jsonPath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try encoder.encode(report).write(to: URL(fileURLWithPath: jsonPath))
        print("wrote \(jsonPath)")
    }

    private func peerVersion() -> String {
        guard withPeer,
            let outcome = try? ChildProcess(
                arguments: [python, "-c", "import pyarrow; print('RESULT \"' + pyarrow.__version__ + '\"')"],
                logPath: logDirectory + "/pyarrow.version.log"
            ).run(),
            let json = outcome.resultJSON, let version = try? JSONDecoder().decode(String.self, from: json)
        else { return "unknown" }
        return version
    }
}
