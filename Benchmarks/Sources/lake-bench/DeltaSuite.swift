import Foundation

/// `lake-bench delta`: the table operations of run_peers.py `delta_ops`, lake (`lake-bench delta-worker`) and
/// deltalake (`peers/deltalake_ops.py`) alternating, each run in a fresh child process; then the checks, the
/// table of per-step ratios (deltalake time / lake time, above 1 means lake is faster) and the JSON report.
struct DeltaSuite {
    var dataDirectory: String
    var outputDirectory: String
    var jsonPath: String
    var python: String
    var peerScript: String
    var runs: Int

    /// The steps both tools time, in report order.
    static let steps = [
        "append_200_total", "append_commit_median", "load_latest", "create_checkpoint",
        "load_latest_with_checkpoint", "load_version_100", "optimize_compact", "vacuum", "scan_latest",
    ]
    /// The acceptance target for every step: deltalake time / lake time.
    static let ratioMin = 0.5

    private var logDirectory: String { outputDirectory + "/logs" }

    typealias Run = ChildRun

    /// Runs the suite; returns false when a check failed or a step is below `ratioMin`.
    func run() throws -> Bool {
        let input = dataDirectory + "/" + Worker.inputName
        guard FileManager.default.fileExists(atPath: input) else {
            throw ChildProcess.Failure(description: "missing \(input): run /work/shared/bench/gen_data.py first")
        }
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        var lakeRuns: [Run] = []
        var peerRuns: [Run] = []
        for index in 0..<runs {
            let lake = try runChild(
                [ParquetSuite.executablePath(), "delta-worker", "--data", dataDirectory, "--out", outputDirectory],
                log: "lake.delta.\(index).log")
            lakeRuns.append(lake)
            print("  lake      run \(index + 1)/\(runs): " + summary(lake))
            let peer = try runChild(
                [python, peerScript, "--input", input, "--out-dir", outputDirectory],
                log: "deltalake.delta.\(index).log")
            peerRuns.append(peer)
            print("  deltalake run \(index + 1)/\(runs): " + summary(peer))
        }
        var rows: [[String: Any]] = []
        var table = [
            "| step | lake min / median (s) | deltalake min / median (s) | deltalake/lake (min / median) |",
            "|---|---:|---:|---:|",
        ]
        var ratiosPass = true
        for step in Self.steps {
            let ours = lakeRuns.compactMap { $0.seconds(step) }
            let theirs = peerRuns.compactMap { $0.seconds(step) }
            guard let oursMin = ours.min(), let theirsMin = theirs.min() else { continue }
            let oursMedian = DeltaWorker.median(ours)
            let theirsMedian = DeltaWorker.median(theirs)
            let ratio = theirsMin / oursMin
            ratiosPass = ratiosPass && ratio >= Self.ratioMin
            rows.append([
                "step": step, "lake_seconds": ours, "deltalake_seconds": theirs, "ratio_of_minimums": ratio,
                "ratio_of_medians": theirsMedian / oursMedian,
            ])
            table.append(
                "| \(step) | \(Format.seconds(oursMin)) / \(Format.seconds(oursMedian)) | "
                    + "\(Format.seconds(theirsMin)) / \(Format.seconds(theirsMedian)) | "
                    + String(format: "**%.2fx** / %.2fx", ratio, theirsMedian / oursMedian) + " |")
        }
        let lakePeak = lakeRuns.map(\.peakRSSKiB).max() ?? 0
        let peerPeak = peerRuns.map(\.peakRSSKiB).max() ?? 0
        table.append("| peak RSS (MiB) | \(Format.mebibytes(lakePeak)) | \(Format.mebibytes(peerPeak)) | |")
        let checks = checks(lakeRuns, peerRuns)
        for check in checks {
            print("  check \(check.passed ? "ok  " : "FAIL") \(check.name): \(check.detail)")
        }
        let text = table.joined(separator: "\n")
        print("\n" + text)
        let report: [String: Any] = [
            "generatedAt": ISO8601DateFormatter().string(from: Date()),
            "command": "swift run -c release lake-bench delta --data \(dataDirectory) --runs \(runs)",
            "machine": [
                "cores": ProcessInfo.processInfo.activeProcessorCount,
                "memoryGiB": Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824,
            ],
            "runsPerTool": runs, "steps": rows, "ratioMin": Self.ratioMin,
            "peakRSSMiB": ["lake": Double(lakePeak) / 1024, "deltalake": Double(peerPeak) / 1024],
            "lake": lakeRuns.map(\.result), "deltalake": peerRuns.map(\.result),
            "checks": checks.map { ["name": $0.name, "passed": $0.passed, "detail": $0.detail] },
            "table": text,
        ]
        let data = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
        let directory = (jsonPath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try data.write(to: URL(fileURLWithPath: jsonPath))
        print("wrote \(jsonPath)")
        return ratiosPass && checks.allSatisfy(\.passed)
    }

    private func summary(_ run: Run) -> String {
        Self.steps.compactMap { step in run.seconds(step).map { "\(step) \(Format.seconds($0))" } }
            .joined(separator: ", ") + ", peak RSS \(Format.mebibytes(run.peakRSSKiB)) MiB"
    }

    /// Both tools end with every row, in few files, and time travel to version 100 sees about half the appends.
    private func checks(_ lake: [Run], _ peer: [Run]) -> [TaskResult.Check] {
        var checks: [TaskResult.Check] = []
        let ours = lake.compactMap { $0.info("rows_latest") as? Int }
        let theirs = peer.compactMap { $0.info("rows_latest") as? Int }
        let expected = theirs.first ?? -1
        checks.append(
            .init(
                name: "same rows at the latest version", passed: !ours.isEmpty && ours.allSatisfy { $0 == expected },
                detail: "lake \(ours), deltalake \(theirs)"))
        let files = lake.compactMap { $0.info("files_active") as? Int }
        checks.append(
            .init(
                name: "200 live files before compaction", passed: !files.isEmpty && files.allSatisfy { $0 == 200 },
                detail: "lake \(files), deltalake \(peer.compactMap { $0.info("files_active") as? Int })"))
        let compacted = lake.compactMap { $0.info("files_active_after_compact") as? Int }
        checks.append(
            .init(
                name: "compaction leaves fewer files", passed: !compacted.isEmpty && compacted.allSatisfy { $0 < 200 },
                detail:
                    "lake \(compacted), deltalake \(peer.compactMap { $0.info("files_active_after_compact") as? Int })")
        )
        // Our table's version 0 is the create; deltalake's first append is its version 0.
        let old = lake.compactMap { $0.info("files_active_v100") as? Int }
        checks.append(
            .init(
                name: "version 100 holds 100 appends", passed: !old.isEmpty && old.allSatisfy { $0 == 100 },
                detail: "lake \(old), deltalake \(peer.compactMap { $0.info("files_active_v100") as? Int })"))
        return checks
    }

    private func runChild(_ arguments: [String], log: String) throws -> Run {
        try ChildRun(arguments, logPath: logDirectory + "/" + log)
    }
}
