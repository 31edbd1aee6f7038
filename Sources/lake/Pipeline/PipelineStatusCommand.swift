import ArgumentParser
import LakeCore
import LakePipeline

/// `lake pipeline status`: the last runs, each table's freshness (latest version, its commit time, the input
/// snapshots its model last processed) and the failures of the newest run.
struct PipelineStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the last pipeline runs, table freshness and failures.")

    @OptionGroup var options: PipelineOptions
    @Option(help: "How many runs to list.") var runs: Int = 10

    func run() throws {
        guard runs >= 1 && runs <= 1_000 else { throw ValidationError("--runs must be in 1...1000") }
        let definition = try options.definition(replay: false)
        let status = try PipelineStatus.read(
            definition: definition, store: LocalObjectStore(root: try options.rootPath()), runsMax: runs)
        print("pipeline \(definition.name): last runs")
        PipelineSummary.printTable([
            ("run", status.runs.map(\.runID)), ("group", status.runs.map { $0.group ?? "all" }),
            ("stage", status.runs.map(\.stage.rawValue)),
            ("started", status.runs.map { PipelineTime.text(millis: $0.startedMillis) }),
            ("succeeded", status.runs.map { String($0.succeeded) }),
            ("unchanged", status.runs.map { String($0.unchanged) }),
            ("skipped", status.runs.map { String($0.skipped) }),
            ("failed", status.runs.map { String($0.failed) }),
        ])
        print("")
        print("tables")
        PipelineSummary.printTable([
            ("table", status.tables.map(\.table.description)),
            ("written by", status.tables.map(\.writer)),
            ("version", status.tables.map { $0.version.map(String.init) ?? "-" }),
            (
                "committed",
                status.tables.map { $0.committedMillis.map { PipelineTime.text(millis: $0) } ?? "-" }
            ),
            (
                "last processed",
                status.tables.map { table in
                    table.processed.map { "\($0.input): \(Self.shortName($0.snapshot))" }.joined(
                        separator: ", ")
                }
            ),
        ])
        print("")
        if status.failures.isEmpty {
            print("failures of the last run: none")
        } else {
            print("failures of the last run (\(status.runs.first?.runID ?? "")):")
            PipelineSummary.printTable([
                ("step", status.failures.map { "\($0.step)" }),
                ("error", status.failures.map { $0.error ?? "" }),
            ])
        }
    }

    /// A bronze snapshot by file name, a table version as `version N`.
    static func shortName(_ snapshot: InputSnapshot) -> String {
        switch snapshot {
        case .bronze(let path): String(path.split(separator: "/").last ?? Substring(path))
        case .tableVersion(let version): "version \(version)"
        }
    }
}
