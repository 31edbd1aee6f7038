import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `lake-bench silver`: the silver transform (SQL and DataFrame) and the 2-column filtered projection read, lake
/// against DuckDB and Polars in the same session. Each run is a fresh child process; within a run index lake's
/// tasks go first, then the peers (run_peers.py `--worker ID`, with `BENCH_DATA` / `BENCH_OUT` pointing at this
/// suite's folders). Then the checks, the table and the JSON report.
struct SilverSuite {
    var dataDirectory: String
    var outputDirectory: String
    var jsonPath: String
    var python: String
    /// /work/shared/bench/run_peers.py: the peers' code is run as is, never copied.
    var peersScript: String
    /// peers/silver_check.py.
    var checkScript: String
    var runs: Int
    var tasks: [SilverTask]
    var lastValues: SilverQuery.LastValueForm?
    var withPeers: Bool

    /// Rows of the projected read on the standard dataset (`gen_data.py` defaults).
    static let standardProjectedRows = ParquetSuite.standardFilteredRows
    static let relativeTolerance = 1e-9

    private var logDirectory: String { outputDirectory + "/logs" }

    /// The runs of one tool on one task.
    struct ToolRuns {
        var tool: String
        var metric: String
        var runs: [ChildRun]

        var summary: RunSummary {
            RunSummary(
                runs.map { run in
                    var record = RunRecord(
                        seconds: run.seconds(metric) ?? .infinity, rows: run.rows(metric) ?? 0, bytes: 0,
                        rssBeforeKiB: run.rssBeforeKiB, resultRows: run.info("result_rows") as? Int, info: RunInfo())
                    record.peakRSSKiB = run.peakRSSKiB
                    return record
                })
        }
    }

    /// Runs the suite; returns false when a check failed.
    func run() throws -> Bool {
        let input = dataDirectory + "/" + Worker.inputName
        guard FileManager.default.fileExists(atPath: input) else {
            throw ChildProcess.Failure(
                description: "missing \(input): run python3 /work/shared/bench/gen_data.py --out-dir \(dataDirectory)")
        }
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        setenv("BENCH_DATA", dataDirectory, 1)
        setenv("BENCH_OUT", outputDirectory, 1)
        var report: [[String: Any]] = []
        var tableRows: [String] = []
        var passed = true
        for group in [tasks.filter(\.isTransform), tasks.filter { !$0.isTransform }] where !group.isEmpty {
            let measured = try measure(group)
            for task in group {
                let ours = measured.lake[task] ?? ToolRuns(tool: "lake", metric: "", runs: [])
                let checks =
                    task.isTransform
                    ? try transformChecks(task, ours, measured.peers) : readChecks(ours, measured.peers)
                for check in checks {
                    print("  check \(check.passed ? "ok  " : "FAIL") \(task.rawValue) \(check.name): \(check.detail)")
                }
                passed = passed && checks.allSatisfy(\.passed)
                report.append(entry(task, ours, measured.peers, checks))
                tableRows += rows(task, ours, measured.peers, checks)
            }
        }
        let table = Self.tableHeader + tableRows
        let text = table.joined(separator: "\n")
        print("\n" + text)
        try writeReport(report, table: text)
        return passed
    }

    // MARK: - Runs

    private func measure(_ group: [SilverTask]) throws -> (lake: [SilverTask: ToolRuns], peers: [ToolRuns]) {
        let metric = group[0].isTransform ? "transform" : "read"
        let peerIDs = withPeers ? group[0].peerIDs : []
        var lake = Dictionary(
            uniqueKeysWithValues: group.map { ($0, ToolRuns(tool: "lake", metric: metric, runs: [])) })
        var peers = peerIDs.map { ToolRuns(tool: Self.toolName($0), metric: metric, runs: []) }
        for index in 0..<runs {
            for task in group {
                var arguments = [
                    ParquetSuite.executablePath(), "silver-worker", task.rawValue, "--data", dataDirectory, "--out",
                    outputDirectory,
                ]
                if let lastValues { arguments += ["--last-values", lastValues.rawValue] }
                let run = try ChildRun(arguments, logPath: logDirectory + "/lake.\(task.rawValue).\(index).log")
                lake[task]?.runs.append(run)
                report("lake " + task.rawValue, index, run, metric)
            }
            for (position, id) in peerIDs.enumerated() {
                let run = try ChildRun(
                    [python, peersScript, "--worker", id],
                    logPath: logDirectory + "/\(id.replacingOccurrences(of: "/", with: "__")).\(index).log")
                peers[position].runs.append(run)
                report(id, index, run, metric)
            }
        }
        return (lake, peers)
    }

    private func report(_ label: String, _ index: Int, _ run: ChildRun, _ metric: String) {
        let seconds = run.seconds(metric).map(Format.seconds) ?? "?"
        print(
            "  \(label.padding(toLength: 34, withPad: " ", startingAt: 0)) run \(index + 1)/\(runs): \(seconds) s  "
                + "peak RSS \(Format.mebibytes(run.peakRSSKiB)) MiB")
    }

    /// `duckdb` / `polars` from a run_peers.py id.
    static func toolName(_ id: String) -> String {
        let variant = id.split(separator: "/").last.map(String.init) ?? id
        return variant.split(separator: "_").first.map(String.init) ?? variant
    }

    // MARK: - Checks

    /// Our output equals DuckDB's row by row, and its fingerprint (run_peers.py's `w_silver` check) equals every
    /// peer's: rows and volatility nulls exactly, the sums to a relative 1e-9.
    private func transformChecks(_ task: SilverTask, _ ours: ToolRuns, _ peers: [ToolRuns]) throws -> [TaskResult.Check]
    {
        var checks: [TaskResult.Check] = []
        let rows = ours.runs.compactMap { $0.info("result_rows") as? Int }
        checks.append(
            .init(
                name: "every run returns the same rows", passed: rows.count == ours.runs.count && Set(rows).count == 1,
                detail: "result rows \(rows)"))
        let file = outputDirectory + "/" + task.outputName
        let reference = outputDirectory + "/silver_duckdb.parquet"
        var arguments = [python, checkScript, "--file", file]
        if peers.contains(where: { $0.tool == "duckdb" }) { arguments += ["--reference", reference] }
        let verdict = try ChildRun(arguments, logPath: logDirectory + "/check.\(task.rawValue).log")
        let fingerprint = verdict.result["check"] as? [String: Any] ?? [:]
        for peer in peers {
            guard let theirs = peer.runs.first?.info("check") as? [String: Any] else { continue }
            let differences = Self.differences(fingerprint, theirs)
            checks.append(
                .init(
                    name: "fingerprint equals \(peer.tool)'s", passed: differences.isEmpty,
                    detail: differences.isEmpty
                        ? "rows \(fingerprint["rows"] ?? "?"), sums within \(Self.relativeTolerance) relative"
                        : differences.joined(separator: "; ")))
        }
        if let compared = verdict.result["rows_compared"] as? [String: Any] {
            let mismatched = compared["mismatched"] as? Int ?? -1
            let onlyOurs = compared["only_ours"] as? Int ?? -1
            let onlyTheirs = compared["only_reference"] as? Int ?? -1
            let missing = compared["missing_columns"] as? [String] ?? []
            let examples = (compared["examples"] as? [Any]).map { "\($0)" } ?? ""
            checks.append(
                .init(
                    name: "rows equal DuckDB's by (crypto_id, day)",
                    passed: mismatched == 0 && onlyOurs == 0 && onlyTheirs == 0 && missing.isEmpty,
                    detail: "matched \(compared["matched"] ?? "?"), mismatched \(mismatched), only lake \(onlyOurs), "
                        + "only DuckDB \(onlyTheirs), missing columns \(missing)"
                        + (mismatched > 0 ? " \(examples)" : "")))
        }
        return checks
    }

    /// Keys of `reference` whose value in `ours` differs: `rows` and `volatility_nulls` exactly, the rest relative.
    static func differences(_ ours: [String: Any], _ reference: [String: Any]) -> [String] {
        reference.keys.sorted().compactMap { key in
            guard let theirs = (reference[key] as? NSNumber)?.doubleValue,
                let mine = (ours[key] as? NSNumber)?.doubleValue
            else { return "\(key) missing" }
            let exact = key == "rows" || key == "volatility_nulls"
            let tolerance = exact ? 0 : relativeTolerance * max(abs(theirs), abs(mine))
            return abs(mine - theirs) <= tolerance ? nil : "\(key) \(mine) vs \(theirs)"
        }
    }

    /// Every run returns the rows DuckDB and Polars return (20,020 on the standard dataset).
    private func readChecks(_ ours: ToolRuns, _ peers: [ToolRuns]) -> [TaskResult.Check] {
        let rows = ours.runs.map { $0.info("result_rows") as? Int ?? -1 }
        let standard = ours.runs.first?.rows("read") == ParquetSuite.standardRows
        var expected: [String: Int] = [:]
        if standard { expected["standard dataset"] = Self.standardProjectedRows }
        for peer in peers { expected[peer.tool] = peer.runs.first?.info("result_rows") as? Int ?? -1 }
        let passed = !expected.isEmpty && expected.values.allSatisfy { value in rows.allSatisfy { $0 == value } }
        return [
            .init(
                name: "projected read returns the matching rows", passed: passed,
                detail: "lake \(rows), expected \(expected.sorted { $0.key < $1.key })")
        ]
    }

    // MARK: - Report

    static let tableHeader = [
        "| task | tool | time min / median (s) | spread | rows/s (median) | peak RSS (MiB) "
            + "| DuckDB/lake (min / median) | Polars/lake (min / median) | checks |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    private func rows(_ task: SilverTask, _ ours: ToolRuns, _ peers: [ToolRuns], _ checks: [TaskResult.Check])
        -> [String]
    {
        guard !ours.runs.isEmpty else { return [] }
        let lake = ours.summary
        func ratio(_ tool: String) -> String {
            guard let peer = peers.first(where: { $0.tool == tool }), !peer.runs.isEmpty else { return "–" }
            let theirs = peer.summary
            return String(
                format: "**%.2fx** / %.2fx", theirs.minSeconds / lake.minSeconds,
                theirs.medianSeconds / lake.medianSeconds)
        }
        let verdict = checks.allSatisfy(\.passed) ? "ok (\(checks.count))" : "FAILED"
        var lines = [
            Self.row(task.rawValue, "lake", lake) + " \(ratio("duckdb")) | \(ratio("polars")) | \(verdict) |"
        ]
        if task == tasks.first(where: { $0.isTransform == task.isTransform }) {
            for peer in peers where !peer.runs.isEmpty {
                lines.append(
                    Self.row(task.isTransform ? "silver_transform" : "read_projected", peer.tool, peer.summary)
                        + " | | |")
            }
        }
        return lines
    }

    private static func row(_ task: String, _ tool: String, _ summary: RunSummary) -> String {
        "| \(task) | \(tool) | \(Format.seconds(summary.minSeconds)) / \(Format.seconds(summary.medianSeconds)) | "
            + String(format: "%.1f%%", summary.spreadPercent) + " | \(Format.rate(summary.rowsPerSecondMedian)) | "
            + String(format: "%.0f", summary.peakRSSMiB) + " |"
    }

    private func entry(_ task: SilverTask, _ ours: ToolRuns, _ peers: [ToolRuns], _ checks: [TaskResult.Check])
        -> [String: Any]
    {
        func figures(_ runs: ToolRuns) -> [String: Any] {
            let summary = runs.summary
            return [
                "tool": runs.tool, "runs_seconds": summary.runsSeconds, "min_seconds": summary.minSeconds,
                "median_seconds": summary.medianSeconds, "spread_percent": summary.spreadPercent,
                "rows": summary.rows, "rows_per_second_median": summary.rowsPerSecondMedian,
                "peak_rss_mib": summary.peakRSSMiB, "rss_before_mib": summary.rssBeforeMiB,
                "results": runs.runs.map(\.result),
            ]
        }
        var entry: [String: Any] = [
            "task": task.rawValue, "description": task.summary,
            "checks": checks.map { ["name": $0.name, "passed": $0.passed, "detail": $0.detail] },
        ]
        guard !ours.runs.isEmpty else { return entry }
        let lake = ours.summary
        entry["lake"] = figures(ours)
        var ratios: [String: Any] = [:]
        for peer in peers where !peer.runs.isEmpty {
            entry[peer.tool] = figures(peer)
            ratios[peer.tool] = [
                "ratio_of_minimums": peer.summary.minSeconds / lake.minSeconds,
                "ratio_of_medians": peer.summary.medianSeconds / lake.medianSeconds,
            ]
        }
        entry["peer_time_over_lake_time"] = ratios
        return entry
    }

    private func writeReport(_ entries: [[String: Any]], table: String) throws {
        let report: [String: Any] = [
            "generatedAt": ISO8601DateFormatter().string(from: Date()),
            "command": "swift run -c release lake-bench silver --data \(dataDirectory) --runs \(runs)",
            "machine": [
                "cores": ProcessInfo.processInfo.activeProcessorCount,
                "memoryGiB": Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824,
                "loadAverage": (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown",
            ],
            "runsPerTool": runs, "tasks": entries, "table": table,
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        let directory = (jsonPath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try data.write(to: URL(fileURLWithPath: jsonPath))
        print("wrote \(jsonPath)")
    }
}
