/// Why a pipeline step failed.
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pipeline definition is malformed; `location` names the file and line when known.
    case invalidDefinition(location: String, reason: String)
    /// A step failed; the run record keeps the details.
    case stepFailed(step: String, reason: String)

    public var description: String {
        switch self {
        case .invalidDefinition(let location, let reason): "\(location): \(reason)"
        case .stepFailed(let step, let reason): "step \(step) failed: \(reason)"
        }
    }
}
