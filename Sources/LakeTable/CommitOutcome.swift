/// What a write did: committed a new version, or found that its `txn` was already applied.
///
/// Spec: spec/table-log.md §10.1, §10.6.
public enum CommitOutcome: Sendable, Hashable {
    /// The transaction's commit is `_delta_log/<version>.json`.
    case committed(version: Int64)
    /// The write's `(appId, version)` was already recorded at or before table version `version`; nothing was
    /// written (or, when detected after a lost race, the written files stay orphans).
    case alreadyApplied(version: Int64)

    /// The table version that holds the write's effect.
    public var version: Int64 {
        switch self {
        case .committed(let version), .alreadyApplied(let version): version
        }
    }
}
