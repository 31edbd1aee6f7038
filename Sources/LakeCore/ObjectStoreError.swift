/// Failures of an `ObjectStore`. Each case names the path it concerns.
public enum ObjectStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case alreadyExists(path: String)
    case invalidPath(path: String, reason: String)
    case outOfRange(path: String, requested: Range<Int64>, size: Int64)
    /// An operating-system call failed; `code` is its `errno`.
    case io(path: String, operation: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such object"
        case .alreadyExists(let path): "\(path): already exists"
        case .invalidPath(let path, let reason): "invalid path '\(path)': \(reason)"
        case .outOfRange(let path, let requested, let size):
            "\(path): byte range \(requested.lowerBound)..<\(requested.upperBound) is outside the object (\(size) bytes)"
        case .io(let path, let operation, let code, let message): "\(path): \(operation) failed: \(message) (errno \(code))"
        }
    }
}
