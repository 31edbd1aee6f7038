import ArgumentParser
import LakeTable

struct TableCheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write a checkpoint of a Delta table's latest version, then delete expired log files.",
        discussion: """
            The checkpoint is _delta_log/<version>.checkpoint.parquet (classic V1 layout) and _last_checkpoint \
            points to it. Afterwards, commits and checkpoints older than delta.logRetentionDuration (default 30 \
            days) that no retained version needs are deleted, unless delta.enableExpiredLogCleanup is false or \
            --no-cleanup is given.
            """)

    @Argument(help: "The table directory.") var table: String
    @Flag(help: "Write the checkpoint only; keep every log file.") var noCleanup = false

    func run() throws {
        let summary = try TableReport.open(table).checkpoint(cleanUpLog: !noCleanup)
        print(Self.report(summary))
    }

    static func report(_ summary: CheckpointSummary) -> String {
        var lines = [
            "checkpoint of version \(summary.version): \(summary.path)",
            "  \(summary.actionCount) actions (\(summary.addCount) files, \(summary.removeCount) tombstones), "
                + "\(summary.sizeBytes) bytes",
        ]
        if let cleanup = summary.cleanup {
            lines.append(
                cleanup.deletedPaths.isEmpty
                    ? "  log cleanup: nothing expired"
                    : "  log cleanup: deleted \(cleanup.deletedPaths.count) files below version "
                        + "\(cleanup.boundaryVersion.map(String.init) ?? "-")")
        } else {
            lines.append("  log cleanup: not run")
        }
        return lines.joined(separator: "\n")
    }
}
