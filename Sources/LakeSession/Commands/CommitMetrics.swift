import LakeCore

/// The `commitInfo.operationMetrics` of one commit, read back to report what a command did.
///
/// Writers record counts either as JSON strings (`"numDeletedRows": "3"`, as Delta Spark does) or as numbers
/// (`"num_target_rows_updated": 3`, as delta-rs does for MERGE); `count` accepts both.
///
/// Spec: spec/session.md (commands)
struct CommitMetrics: Sendable {
    var values: JSONObject

    /// The metric `name` as an integer, or 0 when the commit did not record it (or recorded something else).
    func count(_ name: String) -> Int64 {
        guard let value = values[name] else { return 0 }
        if let number = value.int64Value { return number }
        return value.stringValue.flatMap { Int64($0) } ?? 0
    }
}
