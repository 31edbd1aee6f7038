/// The newest state of a model input that a run can see: a bronze snapshot file or a table version.
///
/// Bronze snapshots compare by path, which sorts in time order (`BronzeLayout`); table versions by number.
///
/// Spec: spec/pipeline.md#model-run-state
public enum InputSnapshot: Sendable, Hashable, CustomStringConvertible {
    /// A bronze snapshot path, `bronze/<endpoint>/<endpoint>-<yyyyMMdd_HHmmss>.parquet`.
    case bronze(path: String)
    /// A Delta table version.
    case tableVersion(Int64)

    /// Whether `self` is newer than `processed`. Snapshots of different kinds (an input that changed layer)
    /// always count as newer.
    public func isNewer(than processed: InputSnapshot) -> Bool {
        switch (self, processed) {
        case (.bronze(let path), .bronze(let old)): path > old
        case (.tableVersion(let version), .tableVersion(let old)): version > old
        default: true
        }
    }

    public var description: String {
        switch self {
        case .bronze(let path): path
        case .tableVersion(let version): "version \(version)"
        }
    }
}
