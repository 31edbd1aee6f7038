/// How a model's result lands in its output table.
///
/// Spec: spec/pipeline.md#models
public enum ModelWriteMode: Sendable, Hashable, CustomStringConvertible {
    /// The result replaces the table's content (one new version).
    case overwrite
    /// The result is appended.
    case append
    /// Rows whose `keys` match a row of the table replace it; the others are inserted.
    case merge(keys: [String])

    public var description: String {
        switch self {
        case .overwrite: "overwrite"
        case .append: "append"
        case .merge(let keys): "merge on (\(keys.joined(separator: ", ")))"
        }
    }
}
