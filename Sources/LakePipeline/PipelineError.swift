import LakeHTTP

/// Why a pipeline step failed. Descriptions never contain API keys (HTTP errors arrive redacted, and the
/// extraction runner redacts every credential value again before recording an error).
///
/// Spec: spec/pipeline.md
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pipeline definition is malformed; `location` names the file and line when known.
    case invalidDefinition(location: String, reason: String)
    /// A step failed; the run record keeps the details.
    case stepFailed(step: String, reason: String)
    /// An HTTP exchange of `endpoint` failed.
    case http(endpoint: String, HTTPError)
    /// A response of `endpoint` is not the JSON the endpoint definition expects.
    case invalidPayload(endpoint: String, reason: String)
    /// The API reported an error inside a 2xx response (CoinMarketCap `status.error_code`).
    case apiError(endpoint: String, code: Int64, message: String)
    /// Running would spend more than the month's budget minus the reserve.
    case creditBudgetExceeded(source: String, needed: Int64, available: Int64)
    /// A bronze snapshot with this timestamp exists already; snapshots are never overwritten.
    case bronzeSnapshotExists(path: String)
    /// Reading or writing lake state (`_lake/`, bronze files, the run-record table) failed.
    case storage(path: String, reason: String)
    /// An endpoint needs ids from another endpoint's snapshot and there is none.
    case missingInput(endpoint: String, reason: String)

    public var description: String {
        switch self {
        case .invalidDefinition(let location, let reason): "\(location): \(reason)"
        case .stepFailed(let step, let reason): "step \(step) failed: \(reason)"
        case .http(let endpoint, let error): "\(endpoint): \(error)"
        case .invalidPayload(let endpoint, let reason): "\(endpoint): invalid payload: \(reason)"
        case .apiError(let endpoint, let code, let message): "\(endpoint): API error \(code): \(message)"
        case .creditBudgetExceeded(let source, let needed, let available):
            "\(source): run needs \(needed) credits but only \(available) remain above the reserve this month"
        case .bronzeSnapshotExists(let path): "\(path): bronze snapshot exists; snapshots are never overwritten"
        case .storage(let path, let reason): "\(path): \(reason)"
        case .missingInput(let endpoint, let reason): "\(endpoint): \(reason)"
        }
    }
}
