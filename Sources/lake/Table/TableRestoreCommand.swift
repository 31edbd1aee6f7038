import ArgumentParser
import LakeTable

struct TableRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Make a Delta table's content that of an earlier version, in a new commit.")

    @Argument(help: "The table directory.") var table: String
    @Option(help: "The version to restore.") var version: Int64
    @Flag(help: "No progress display and no summary on stderr.") var quiet = false

    func run() throws {
        var progress = ProgressLine(quiet: quiet)
        progress.update("restore: comparing version \(version) with the latest")
        let target = TableReport.open(table)
        switch try target.restore(toVersion: version) {
        case .committed(let committed):
            let metrics =
                try target.snapshot(version: committed).commitInfo?.json["operationMetrics"]?
                .objectValue ?? [:]
            func metric(_ name: String) -> String { metrics[name]?.stringValue ?? "0" }
            progress.summarize(
                "re-added \(metric("numRestoredFiles")) files, removed \(metric("numRemovedFiles")) files, table size "
                    + ProgressLine.size(Int64(metric("tableSizeAfterRestore")) ?? 0))
            print("restored version \(version) as version \(committed)")
        case .alreadyApplied(let applied):
            print("version \(version) was already restored at version \(applied)")
        }
    }
}
