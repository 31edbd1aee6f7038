/// The outcome of one pipeline run: a record per planned step, in the order the steps ran.
///
/// Spec: spec/pipeline.md#running-a-pipeline
public struct PipelineRunReport: Sendable, Hashable {
    public var runID: String
    public var group: String?
    public var stage: PipelineStage
    public var records: [PipelineStepRecord]

    public init(
        runID: String, group: String?, stage: PipelineStage, records: [PipelineStepRecord] = []
    ) {
        self.runID = runID
        self.group = group
        self.stage = stage
        self.records = records
    }

    /// The record of `step`, if it was planned.
    public func record(_ step: PipelineStep) -> PipelineStepRecord? {
        records.first { $0.step == step }
    }

    /// Steps that failed. A run with failures exits non-zero.
    public var failures: [PipelineStepRecord] { records.filter { $0.status == .failed } }

    /// Records per status, for the summary line.
    public func count(_ status: PipelineStepRecord.Status) -> Int {
        records.filter { $0.status == status }.count
    }
}
