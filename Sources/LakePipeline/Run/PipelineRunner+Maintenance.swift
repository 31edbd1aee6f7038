import LakeTable

/// The maintenance stage: checkpoint, optimize and vacuum of the pipeline's tables.
///
/// Spec: spec/pipeline.md#running-a-pipeline
extension PipelineRunner {
    /// Runs a maintenance step over each of its tables that exists; a table whose model failed in this run is
    /// left alone.
    func runMaintenance(named name: String, run: inout RunContext) throws(PipelineError) {
        let step = PipelineStep.maintain(name)
        let timer = StepTimer(clock: clock)
        guard let maintenance = definition.maintenance.first(where: { $0.name == name }) else {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "unknown step", progress: progress
            )
            return
        }
        var notes: [String] = []
        var failures: [String] = []
        for input in maintenance.tables {
            if run.failedOutputs.contains(input) {
                notes.append("\(input): skipped (its model failed)")
                continue
            }
            do {
                guard try latestVersion(of: input) != nil else {
                    notes.append("\(input): not written yet")
                    continue
                }
                notes.append("\(input): " + (try maintain(table(input), maintenance.action)))
            } catch {
                failures.append("\(input): \(error)")
            }
        }
        try run.finish(
            step, timer: timer, clock: clock, status: failures.isEmpty ? .succeeded : .failed,
            error: failures.isEmpty ? nil : failures.joined(separator: "; "),
            detail: notes.joined(separator: "; "),
            progress: progress)
    }

    /// Applies `action` to `table`; returns what it did.
    private func maintain(_ table: Table, _ action: MaintenanceStep.Action) throws -> String {
        switch action {
        case .checkpoint:
            let summary = try table.checkpoint()
            return "checkpoint at version \(summary.version)"
        case .optimize(let columns):
            let outcome = columns.isEmpty ? try table.optimize() : try table.optimize(zOrderBy: columns)
            return outcome.map { "optimized at version \($0.version)" } ?? "nothing to optimize"
        case .vacuum(let hours):
            let report = try table.vacuum(retentionHours: hours)
            return "vacuum deleted \(report.files.count) file(s)"
        }
    }
}
