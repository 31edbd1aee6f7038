import Foundation

/// Number formatting and the Markdown table of the report.
enum Format {
    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
    static func mebibytes(_ kibibytes: Int) -> String { String(format: "%.0f", Double(kibibytes) / 1024) }

    /// `12.34 M` / `567.8 k` rows per second.
    static func rate(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.2f M", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1f k", value / 1e3) }
        return String(format: "%.0f", value)
    }

    static func table(_ results: [TaskResult]) -> String {
        var lines = [
            "| task | tool | time min / median (s) | spread | rows/s (median) | MB/s (median) | file MB "
                + "| peak RSS (MiB) | RSS before clock (MiB) | lake/pyarrow throughput (min / median) | checks |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for result in results {
            let passed = result.checks.allSatisfy(\.passed)
            let checkText = passed ? "ok (\(result.checks.count))" : "FAILED"
            let ratio =
                result.ratioOfMinimums.map { minimum in
                    String(format: "**%.2fx** / %.2fx", minimum, result.ratioOfMedians ?? 0)
                } ?? "–"
            lines.append(row(result.task.rawValue, "lake", result.lake, ratio: ratio, checks: checkText))
            if let peer = result.pyarrow {
                lines.append(row(result.task.rawValue, "pyarrow", peer, ratio: "", checks: ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ task: String, _ tool: String, _ summary: RunSummary, ratio: String, checks: String)
        -> String
    {
        "| \(task) | \(tool) | \(seconds(summary.minSeconds)) / \(seconds(summary.medianSeconds)) | "
            + String(format: "%.1f%%", summary.spreadPercent) + " | \(rate(summary.rowsPerSecondMedian)) | "
            + String(format: "%.0f", summary.megabytesPerSecondMedian) + " | \(megabytes(summary.bytes)) | "
            + String(format: "%.0f | %.0f", summary.peakRSSMiB, summary.rssBeforeMiB) + " | \(ratio) | \(checks) |"
    }
}
