import LakeCore

/// The `commitInfo` action: free-form provenance of one commit.
///
/// Readers must accept anything here, so the object is kept whole and the accessors below return nil for a
/// missing or mistyped member instead of throwing.
///
/// Spec: spec/table-log.md §3.6.
public struct CommitInfo: Sendable, Hashable {
    /// The action body exactly as read (or as it will be written).
    public var json: JSONObject

    public init(json: JSONObject) {
        self.json = json
    }

    /// `timestamp`: milliseconds since the Unix epoch when the writer committed (informational).
    public var timestamp: Int64? { json["timestamp"]?.int64Value }
    /// `inCommitTimestamp`: the monotonic commit time of tables with in-commit timestamps.
    public var inCommitTimestamp: Int64? { json["inCommitTimestamp"]?.int64Value }
    /// `operation`, e.g. `WRITE`, `DELETE`, `OPTIMIZE`.
    public var operation: String? { json["operation"]?.stringValue }
    /// `operationParameters`.
    public var operationParameters: JSONObject? { json["operationParameters"]?.objectValue }
    /// `readVersion`: the version the transaction read.
    public var readVersion: Int64? { json["readVersion"]?.int64Value }
    /// `isBlindAppend`.
    public var isBlindAppend: Bool? { json["isBlindAppend"]?.boolValue }
    /// `engineInfo`, e.g. `delta-rs:py-1.6.6`.
    public var engineInfo: String? { json["engineInfo"]?.stringValue }
}
