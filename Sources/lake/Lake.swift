import ArgumentParser
import LakeCore

/// The `lake` command-line tool: argument parsing, output formatting and exit codes only.
///
/// Exit codes: 0 success, 1 a failure reported on stderr (bad input file, I/O), 2 a SQL error (`lake sql`,
/// `lake shell`: the text does not parse or bind), 64 usage errors (from ArgumentParser).
@main
struct Lake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lake",
        abstract: "A columnar lakehouse engine: Parquet files, tables and pipelines.",
        subcommands: [
            ParquetCommand.self, DemoCommand.self, TableHistoryCommand.self, TableDescribeCommand.self,
            TableRestoreCommand.self, TableVacuumCommand.self, TableOptimizeCommand.self, TableCheckpointCommand.self,
            TableAppendCommand.self,
            LoadCommand.self, WarehouseCommand.self, SQLCommand.self, ShellCommand.self, IngestCommand.self,
            PipelineCommand.self,
        ])

    static func main() {
        ProcessAllocator.configureForColumnarWork()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

struct ParquetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet", abstract: "Inspect, print and convert Parquet files.",
        subcommands: [ParquetInspectCommand.self, ParquetCatCommand.self, ParquetConvertCommand.self])
}
