import LakeCore

/// One retained commit as `Table.history` reports it.
///
/// Spec: spec/table-log.md §3.6, §9.
public struct CommitHistoryEntry: Sendable, Hashable {
    public var version: Int64
    /// `commitInfo.timestamp`, or the commit file's modification time when the commit has no such field.
    public var timestampMillis: Int64
    /// The timestamp time travel uses for this version (§9: monotonic file time or in-commit timestamp).
    public var commitTimestampMillis: Int64
    /// `commitInfo.operation`; nil when the commit has no `commitInfo`.
    public var operation: String?
    public var operationParameters: JSONObject
    public var operationMetrics: JSONObject
    public var engineInfo: String?
    /// The whole `commitInfo`, nil when the commit has none.
    public var commitInfo: CommitInfo?

    public init(
        version: Int64, timestampMillis: Int64, commitTimestampMillis: Int64, operation: String?,
        operationParameters: JSONObject, operationMetrics: JSONObject, engineInfo: String?, commitInfo: CommitInfo?
    ) {
        self.version = version
        self.timestampMillis = timestampMillis
        self.commitTimestampMillis = commitTimestampMillis
        self.operation = operation
        self.operationParameters = operationParameters
        self.operationMetrics = operationMetrics
        self.engineInfo = engineInfo
        self.commitInfo = commitInfo
    }
}
