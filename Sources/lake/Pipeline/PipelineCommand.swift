import ArgumentParser

/// `lake pipeline run|status|schedule|demo`: the reference pipeline (or any pipeline file) over a lake root.
///
/// Spec: spec/pipeline.md#running-a-pipeline, spec/cli.md
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run, schedule and inspect a pipeline (extract, transform, load).",
        subcommands: [
            PipelineRunCommand.self, PipelineStatusCommand.self, PipelineScheduleCommand.self,
            PipelineDemoCommand.self,
        ])
}
