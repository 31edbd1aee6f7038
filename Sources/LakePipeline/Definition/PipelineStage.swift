/// Which part of a pipeline run to do.
///
/// Spec: spec/pipeline.md#pipeline-plans
public enum PipelineStage: String, Sendable, Hashable, CaseIterable {
    /// Endpoints into bronze.
    case extract
    /// Models into silver/gold.
    case transform
    /// Loads into the warehouse, then post-load SQL, then gold backups.
    case load
    /// Checkpoint, optimize and vacuum steps.
    case maintain
    /// Every stage, in the order above.
    case all

    func includes(_ stage: PipelineStage) -> Bool { self == .all || self == stage }
}
