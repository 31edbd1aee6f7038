import ArgumentParser
import Foundation
import LakePipeline
import LakeTable
import LakeWarehouse

/// `lake pipeline run`: one run of a pipeline file over a lake root, filtered by frequency group and stage.
///
/// Progress lines go to stderr as each step finishes; a summary table of every step goes to stdout. The exit
/// status is 1 when any step failed (the run still went through every other step).
struct PipelineRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a pipeline: extract, transform, load, maintain.")

    @OptionGroup var options: PipelineOptions
    @Option(help: "A frequency group of the pipeline file (daily, weekly, 5x, 10x, ...) or all.")
    var frequency: String = "all"
    @Option(help: "extract, transform, load, maintain or all.") var stage: String = "all"
    @Option(help: "Serve the APIs from recorded payloads in DIR (its index.json), e.g. Fixtures/api.")
    var replay: String?
    @Option(
        help:
            "The warehouse URL (default: $LAKE_WAREHOUSE_URL, else a local PostgreSQL under ROOT/_lake/postgres)."
    )
    var warehouse: String?
    @Option(
        help: ArgumentHelp("Run as if started at this UTC time.", valueName: "2026-11-20T12:00:00Z"))
    var at: String?

    func run() throws {
        let stage = try Self.stage(self.stage)
        let group = frequency == "all" ? nil : frequency
        let clock =
            try at.map { PipelineTime.clock(startingAt: try PipelineTime.millis($0)) } ?? .system
        let root = try options.rootPath()
        var server: PipelineWarehouse?
        if stage == .all || stage == .load {
            server = try PipelineWarehouse(option: warehouse, root: root) {
                ProgressLine.writeError($0 + "\n")
            }
        }
        defer { server?.stop() }
        let report = try Self.execute(
            options: options, root: root, group: group, stage: stage, replay: replay,
            warehouse: server?.url,
            clock: clock)
        PipelineSummary.print(report)
        if !report.failures.isEmpty { throw ExitCode(1) }
    }

    /// Builds the runner and runs one plan; progress lines go to stderr.
    static func execute(
        options: PipelineOptions, root: String, group: String?, stage: PipelineStage, replay: String?,
        warehouse: WarehouseURL?, clock: TableClock
    ) throws -> PipelineRunReport {
        let definition = try options.definition(replay: replay != nil)
        let source = try PipelineSource(replay: replay)
        let runner = PipelineRunner(
            definition: definition, root: root, pipelineFiles: options.pipelineFolder(),
            transport: source.transport,
            sources: source.sources, environment: ProcessInfo.processInfo.environment,
            warehouse: warehouse,
            clock: clock, progress: { ProgressLine.writeError($0 + "\n") })
        return try runner.run(group: group, stage: stage)
    }

    static func stage(_ text: String) throws -> PipelineStage {
        guard let stage = PipelineStage(rawValue: text) else {
            throw ValidationError(
                "--stage must be one of: " + PipelineStage.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return stage
    }
}
