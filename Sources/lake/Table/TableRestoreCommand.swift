import ArgumentParser
import LakeTable

struct TableRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Make a Delta table's content that of an earlier version, in a new commit.")

    @Argument(help: "The table directory.") var table: String
    @Option(help: "The version to restore.") var version: Int64

    func run() throws {
        switch try TableReport.open(table).restore(toVersion: version) {
        case .committed(let committed):
            print("restored version \(version) as version \(committed)")
        case .alreadyApplied(let applied):
            print("version \(version) was already restored at version \(applied)")
        }
    }
}
