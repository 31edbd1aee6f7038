/// What one step of a pipeline run did: a row of the `_lake/pipeline_runs` table.
///
/// Every planned step gets exactly one record, appended to the run table when its stage finishes, so a crash
/// mid-run keeps the records of the stages before it.
///
/// Spec: spec/pipeline.md#run-metadata
public struct PipelineStepRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The step did its work (a snapshot, a commit, a load, a script).
        case succeeded
        /// The step failed; `error` says why. The run went on and exits non-zero at the end.
        case failed
        /// The step did not run because something it needs failed or is missing (`error` says what).
        case skipped
        /// Nothing new to do: a model with no unprocessed input snapshot, a load of a version already loaded.
        case unchanged
    }

    /// The run's start as `yyyyMMdd_HHmmss` (UTC), shared by every record of the run and by its bronze snapshots.
    public var runID: String
    /// Position of the step in its run, from 0.
    public var sequence: Int64
    /// The frequency group planned (nil: every group).
    public var group: String?
    public var stage: PipelineStage
    /// The planned step (`model fact_crypto_market`, `load dim_crypto_id`, ...).
    public var step: PipelineStep
    public var status: Status
    /// Rows extracted, written or loaded (0 when not applicable).
    public var rows: Int64
    public var seconds: Double
    public var error: String?
    /// What the step read and wrote, e.g. `silver.fact_crypto_market version 3 from 1 snapshot(s)`.
    public var detail: String?
    public var startedMillis: Int64
    public var finishedMillis: Int64

    public init(
        runID: String, sequence: Int64, group: String?, stage: PipelineStage, step: PipelineStep,
        status: Status,
        rows: Int64, seconds: Double, error: String?, detail: String?, startedMillis: Int64,
        finishedMillis: Int64
    ) {
        self.runID = runID
        self.sequence = sequence
        self.group = group
        self.stage = stage
        self.step = step
        self.status = status
        self.rows = rows
        self.seconds = seconds
        self.error = error
        self.detail = detail
        self.startedMillis = startedMillis
        self.finishedMillis = finishedMillis
    }

    /// `seconds` with two decimals (`0.25`).
    public var secondsText: String { StepTimer.text(seconds: seconds) }

    /// The step's kind (`extract`, `model`, `load`, `post_load`, `backup`, `maintain`) and the definition it names.
    public var kindAndName: (kind: String, name: String) { step.kindAndName }
}

extension PipelineStep {
    /// The kind column and the name column of a run record.
    public var kindAndName: (kind: String, name: String) {
        switch self {
        case .extract(let endpoint): ("extract", endpoint)
        case .runModel(let model): ("model", model)
        case .load(let load): ("load", load)
        case .postLoad(let step): ("post_load", step)
        case .backup(let step): ("backup", step)
        case .maintain(let step): ("maintain", step)
        }
    }

    /// The step named by a record's kind and name columns; nil for an unknown kind.
    public init?(kind: String, name: String) {
        switch kind {
        case "extract": self = .extract(endpoint: name)
        case "model": self = .runModel(name)
        case "load": self = .load(name)
        case "post_load": self = .postLoad(name)
        case "backup": self = .backup(name)
        case "maintain": self = .maintain(name)
        default: return nil
        }
    }
}
