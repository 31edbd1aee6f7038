/// Why a query plan could not be executed.
public enum ExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An operator needed more memory than the configured limit allows.
    case memoryLimitExceeded(operator: String, limitBytes: Int, requestedBytes: Int)
    /// An expression met an input it has no defined result for (for example integer overflow).
    case arithmetic(String)
    /// The plan combined types in a way the executor does not support.
    case typeMismatch(String)

    public var description: String {
        switch self {
        case .memoryLimitExceeded(let name, let limit, let requested):
            "\(name) needs \(requested) bytes, above the memory limit of \(limit) bytes"
        case .arithmetic(let reason): "arithmetic error: \(reason)"
        case .typeMismatch(let reason): "type mismatch: \(reason)"
        }
    }
}
