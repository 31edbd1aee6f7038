import LakeCore

/// The `txn` action: the newest version an application has committed, for idempotent writes.
///
/// Spec: spec/table-log.md §3.5.
public struct TransactionAction: Sendable, Hashable {
    public var appId: String
    public var version: Int64
    /// Milliseconds since the Unix epoch.
    public var lastUpdated: Int64?

    public init(appId: String, version: Int64, lastUpdated: Int64? = nil) {
        self.appId = appId
        self.version = version
        self.lastUpdated = lastUpdated
    }

    /// Decodes the body of a `txn` action; `path` names it in errors (`txn`).
    public init(json: JSONObject, at path: String) throws(JSONError) {
        appId = try json.requireString("appId", in: path)
        version = try json.requireInt64("version", in: path)
        lastUpdated = try json.optionalInt64("lastUpdated", in: path)
    }

    public var json: JSONObject {
        var object: JSONObject = ["appId": .string(appId), "version": .int64(version)]
        object.setIfPresent("lastUpdated", lastUpdated.map(JSONValue.int64))
        return object
    }
}
