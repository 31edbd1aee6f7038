import LakeColumnar

/// Why a plan could not be bound or executed.
///
/// Every failure that input data or a user's plan can cause is one of these cases; the executor never traps on
/// them. Spec: spec/executor.md
public enum ExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An operator needed more memory than the configured limit allows.
    case memoryLimitExceeded(operator: String, limitBytes: Int, requestedBytes: Int)
    /// An integer or decimal result does not fit its type (`operation` names it, e.g. "int64 addition").
    case arithmeticOverflow(operation: String)
    /// Integer, decimal or floating-point division or remainder by zero.
    case divisionByZero
    /// A value could not be converted by CAST (the text of the value and the target type).
    case invalidCast(value: String, to: DataType)
    /// The plan combined types in a way the executor does not support.
    case typeMismatch(String)
    /// A type the executor does not handle (nested list/struct/map values), with where it was met.
    case unsupportedType(DataType, context: String)
    /// A column name that is not in the input schema.
    case columnNotFound(String, available: [String])
    /// A function called with an argument it has no defined result for.
    case invalidArgument(function: String, reason: String)
    /// A batch source failed; `reason` is the description of its error.
    case sourceFailed(String)

    public var description: String {
        switch self {
        case .memoryLimitExceeded(let name, let limit, let requested):
            "\(name) needs \(requested) bytes, above the memory limit of \(limit) bytes"
        case .arithmeticOverflow(let operation): "arithmetic overflow in \(operation)"
        case .divisionByZero: "division by zero"
        case .invalidCast(let value, let type): "cannot cast '\(value)' to \(type)"
        case .typeMismatch(let reason): "type mismatch: \(reason)"
        case .unsupportedType(let type, let context): "unsupported type \(type) in \(context)"
        case .columnNotFound(let name, let available):
            "column '\(name)' not found; available: \(available.joined(separator: ", "))"
        case .invalidArgument(let function, let reason): "invalid argument to \(function): \(reason)"
        case .sourceFailed(let reason): "batch source failed: \(reason)"
        }
    }
}
