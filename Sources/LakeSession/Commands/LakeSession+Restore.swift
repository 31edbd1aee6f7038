import LakeSQL
import LakeTable

extension LakeSession {
    /// `RESTORE TABLE t TO VERSION AS OF n | TIMESTAMP AS OF 'text'`: makes the table's content that of the
    /// version in one new commit (`Table.restore(toVersion:)`). A timestamp selects the greatest version committed
    /// at or before it (text as in time travel queries: `YYYY-MM-DD[ HH:MM:SS[.ffffff]]`, UTC).
    ///
    /// Summary: `version` (the new commit), `restored_version`, `num_removed_files`, `num_restored_files`.
    /// - Throws: `invalidArgument` for timestamp text that does not parse; `.table` with `versionNotFound`,
    ///   `timestampTooEarly`, `restoreFileMissing` (vacuumed) and the other refusals of LakeTable.
    func restore(_ handle: TableHandle, to target: TimeTravel) throws(SessionError) -> QueryResult {
        let name = handle.identity
        let table = try deltaTable(handle, for: "RESTORE")
        let version: Int64
        switch target {
        case .version(let number):
            version = number
        case .timestamp(let text):
            guard let micros = DateTimeText.parseTimestampMicroseconds(text) else {
                throw .invalidArgument(
                    "RESTORE ... TIMESTAMP AS OF '\(text)' is not a timestamp (YYYY-MM-DD[ HH:MM:SS[.ffffff]], UTC)"
                )
            }
            let millis = micros >= 0 ? micros / 1_000 : (micros - 999) / 1_000
            version = try tableCall(name) { () throws(TableLogError) in
                try table.commitTimestamps().version(atOrBefore: millis)
            }
        }
        let outcome = try tableCall(name) { () throws(TableLogError) in
            try table.restore(toVersion: version)
        }
        let metrics = try tableCall(name) { () throws(TableLogError) in
            try commitMetrics(of: table, version: outcome.version)
        }
        return CommandSummary(
            version: outcome.version,
            [
                ("restored_version", version), ("num_removed_files", metrics.count("numRemovedFiles")),
                ("num_restored_files", metrics.count("numRestoredFiles")),
            ]
        ).result
    }
}
