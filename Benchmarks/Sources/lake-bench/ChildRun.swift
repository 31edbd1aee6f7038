import Foundation

/// One finished child run that printed a `RESULT {json}` object in run_peers.py's shape (`metrics.<name>.seconds`,
/// `rss_before_kb`, `info`), plus the peak RSS its parent measured.
struct ChildRun {
    var result: [String: Any]
    var peakRSSKiB: Int

    /// Runs `arguments` in a fresh process logging to `logPath`.
    /// - Throws: `ChildProcess.Failure` with the log's tail when the child fails or prints no `RESULT` object.
    init(_ arguments: [String], logPath: String) throws {
        let outcome = try ChildProcess(arguments: arguments, logPath: logPath).run()
        guard outcome.exitCode == 0, let json = outcome.resultJSON,
            let result = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        else {
            throw ChildProcess.Failure(
                description:
                    "\(arguments.joined(separator: " ")) exited with \(outcome.exitCode):\n\(outcome.log.suffix(3000))")
        }
        self.result = result
        peakRSSKiB = outcome.peakRSSKiB
    }

    /// Seconds of the metric `name`.
    func seconds(_ name: String) -> Double? { metric(name)?["seconds"] as? Double }

    /// The rows metric `name` counts.
    func rows(_ name: String) -> Int? { metric(name)?["rows"] as? Int }

    /// A value of the `info` object.
    func info(_ key: String) -> Any? { (result["info"] as? [String: Any])?[key] }

    var rssBeforeKiB: Int { result["rss_before_kb"] as? Int ?? 0 }

    private func metric(_ name: String) -> [String: Any]? {
        (result["metrics"] as? [String: Any])?[name] as? [String: Any]
    }
}
