import LakeColumnar

/// The one-row result of a write command: the version it committed, then named counts.
///
/// `version` is NULL when the command committed nothing (a DELETE that matched no row, an OPTIMIZE with nothing
/// to compact, `CREATE TABLE IF NOT EXISTS` on an existing table). Counts are int64 columns in the order given.
///
/// Spec: spec/session.md (commands)
struct CommandSummary: Sendable {
    var version: Int64?
    var counts: [(name: String, value: Int64)]

    init(version: Int64?, _ counts: [(name: String, value: Int64)]) {
        self.version = version
        self.counts = counts
    }

    var result: QueryResult {
        var values: [(name: String, value: Value, type: DataType)] = [
            ("version", version.map { Value.int($0) } ?? .null, .int64)
        ]
        values += counts.map { ($0.name, Value.int($0.value), DataType.int64) }
        return QueryResult.summary(values)
    }
}
