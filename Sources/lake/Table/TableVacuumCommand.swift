import ArgumentParser
import LakeTable

struct TableVacuumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract: "Delete data files that no version inside the retention window can read.")

    @Argument(help: "The table directory.") var table: String
    @Option(help: "How much history stays readable, in hours (e.g. 168 or 168h); default: the table's retention.")
    var retain: String?
    @Flag(help: "List the files that would be deleted without deleting them.") var dryRun = false
    @Flag(help: "Allow a retention shorter than the table's (time travel before it may fail).")
    var forceShortRetention = false
    @Flag(help: "No progress display and no summary on stderr.") var quiet = false

    func run() throws {
        var hours: Int64?
        if let retain {
            let digits = retain.hasSuffix("h") ? String(retain.dropLast()) : retain
            guard let value = Int64(digits), value >= 0 else {
                throw ValidationError("--retain expects a number of hours such as 168 or 168h, found '\(retain)'")
            }
            hours = value
        }
        var progress = ProgressLine(quiet: quiet)
        progress.update("vacuum: listing \(table)")
        let report = try TableReport.open(table).vacuum(
            retentionHours: hours, dryRun: dryRun, allowShortRetention: forceShortRetention)
        let bytes = ProgressLine.size(report.totalBytes)
        progress.summarize("\(dryRun ? "would delete" : "deleted") \(report.files.count) files (\(bytes))")
        print(TableReport.vacuum(report))
    }
}
