import ArgumentParser
import LakeTable

struct TableHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List a Delta table's commits, newest first.")

    @Argument(help: "The table directory.") var table: String
    @Option(help: "Show at most this many commits.") var limit: Int?

    func run() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
        print(TableReport.history(try TableReport.open(table).history(limit: limit)))
    }
}
