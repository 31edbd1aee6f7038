/// Failures when building columns from values that do not fit them.
public enum ColumnarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value of the wrong kind or out of range for the column's type.
    case typeMismatch(expected: DataType, got: String)
    /// Appending would overflow a limit of the storage (for example 2 GiB of bytes in one column).
    case capacityExceeded(what: String, limit: Int)
    /// A null appended to a non-nullable column.
    case nullInRequiredColumn

    public var description: String {
        switch self {
        case .typeMismatch(let expected, let got): "expected a value of type \(expected), got \(got)"
        case .capacityExceeded(let what, let limit): "\(what) exceeds the limit of \(limit)"
        case .nullInRequiredColumn: "null value in a column that is not nullable"
        }
    }
}
