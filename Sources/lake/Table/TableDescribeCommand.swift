import ArgumentParser
import LakeTable

struct TableDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a Delta table's schema, partitioning, protocol, properties and size.")

    @Argument(help: "The table directory.") var table: String

    func run() throws {
        let table = TableReport.open(table)
        print(TableReport.describe(try table.describe()))
        if let checkpoint = try table.lastCheckpoint() {
            print("\nlast checkpoint: version \(checkpoint.version), \(checkpoint.size) actions"
                + (checkpoint.sizeInBytes.map { ", \($0) bytes" } ?? ""))
        } else {
            print("\nlast checkpoint: none")
        }
    }
}
