/// One concrete step of a `PipelinePlan`, naming a definition of the pipeline.
///
/// Spec: spec/pipeline.md#pipeline-plans
public enum PipelineStep: Sendable, Hashable, CustomStringConvertible {
    /// Extracts an API endpoint, or a declared CSV or PostgreSQL source, into bronze (named by `endpoint`).
    case extract(endpoint: String)
    case runModel(String)
    case load(String)
    case postLoad(String)
    case backup(String)
    case maintain(String)

    /// The stage the step belongs to.
    public var stage: PipelineStage {
        switch self {
        case .extract: .extract
        case .runModel: .transform
        case .load, .postLoad, .backup: .load
        case .maintain: .maintain
        }
    }

    public var description: String {
        switch self {
        case .extract(let endpoint): "extract \(endpoint)"
        case .runModel(let model): "model \(model)"
        case .load(let load): "load \(load)"
        case .postLoad(let step): "post-load \(step)"
        case .backup(let step): "backup \(step)"
        case .maintain(let step): "maintain \(step)"
        }
    }
}
