import ArgumentParser
import LakeTable

struct TableDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a Delta table's schema, partitioning, protocol, properties and size.")

    @Argument(help: "The table directory.") var table: String

    func run() throws {
        print(TableReport.describe(try TableReport.open(table).describe()))
    }
}
