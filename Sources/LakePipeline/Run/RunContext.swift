import LakeTable
import LakeWarehouse

/// What a run accumulates: the report so far, the outputs that failed (their dependents are skipped) and the
/// warehouse tables loaded (post-load steps run after them).
struct RunContext {
    var report: PipelineRunReport
    let table: PipelineRunTable
    /// Lake tables whose model failed or was skipped for a failure in this run.
    var failedOutputs: Set<ModelInput> = []
    /// Warehouse tables (as written in load targets) that received rows in this run.
    var loadedTables: Set<TableName> = []
    /// Warehouse tables whose load failed or was skipped for a failure in this run (backups of them are skipped).
    var failedTables: Set<TableName> = []

    /// Records finished but not yet appended to the run table (the steps of the current stage).
    var pending: [PipelineStepRecord] = []

    /// Appends the pending records in one commit. Called when a stage ends and when the run ends, so the table
    /// grows by one commit per stage rather than per step; every few hundred commits the table is checkpointed,
    /// so reading it stays fast for a scheduler that runs for months.
    mutating func flush() throws(PipelineError) {
        guard !pending.isEmpty else { return }
        try table.append(pending)
        pending.removeAll()
        do {
            let version = try table.table.snapshot().version
            if version > 0 && version % PipelineRunTable.checkpointIntervalCommits == 0 {
                _ = try table.table.checkpoint()
            }
        } catch {
            throw .storage(path: PipelineRunTable.root, reason: "\(error)")
        }
    }

    /// Records a finished step: adds it to the report and to the records the run table receives at the end of the
    /// stage, and reports a progress line.
    /// `seconds` defaults to the difference of the two instants.
    mutating func finish(
        _ step: PipelineStep, status: PipelineStepRecord.Status, rows: Int64, error: String?,
        detail: String?,
        startedMillis: Int64, finishedMillis: Int64, seconds: Double? = nil, progress: (String) -> Void
    ) throws(PipelineError) {
        let record = PipelineStepRecord(
            runID: report.runID, sequence: Int64(report.records.count), group: report.group,
            stage: step.stage,
            step: step, status: status, rows: rows,
            seconds: seconds ?? Double(max(0, finishedMillis - startedMillis)) / 1_000, error: error,
            detail: detail,
            startedMillis: startedMillis, finishedMillis: finishedMillis)
        if let last = pending.last, last.stage != record.stage { try flush() }
        pending.append(record)
        report.records.append(record)
        var line = "  \(step): \(status.rawValue)"
        if rows > 0 { line += ", \(rows) row(s)" }
        line += ", " + StepTimer.text(seconds: record.seconds) + " s"
        if let detail { line += " (\(detail))" }
        if let error { line += ": \(error)" }
        progress(line)
    }
}

extension RunContext {
    /// Records a step timed by `timer`, finishing now on `clock`.
    mutating func finish(
        _ step: PipelineStep, timer: StepTimer, clock: TableClock, status: PipelineStepRecord.Status,
        rows: Int64 = 0, error: String? = nil, detail: String? = nil, progress: (String) -> Void
    ) throws(PipelineError) {
        try finish(
            step, status: status, rows: rows, error: error, detail: detail,
            startedMillis: timer.startedMillis,
            finishedMillis: clock.nowMillis(), seconds: timer.elapsedSeconds, progress: progress)
    }
}
