import LakeColumnar
import LakeSQL
import LakeTable

extension LakeSession {
    /// `VACUUM t [RETAIN n HOURS] [DRY RUN]`: deletes the data files no version inside the retention window can
    /// read (`Table.vacuum`). A retention shorter than the table's (`delta.deletedFileRetentionDuration`, default
    /// 168 hours) is refused, as `lake table vacuum` refuses it without `--force-short-retention`.
    ///
    /// A real run returns one summary row: `num_deleted_files`, `num_deleted_bytes`, `retention_hours`. A dry run
    /// returns the files it would delete, one row each: `path` (relative to the table) and `size_bytes`.
    /// - Throws: `.table(name, .retentionTooShort)`; `.table` for the other refusals of `Table.vacuum`.
    func vacuum(_ handle: TableHandle, retentionHours: Int64?, isDryRun: Bool) throws(SessionError)
        -> QueryResult
    {
        let table = try deltaTable(handle, for: "VACUUM")
        let report = try tableCall(handle.identity) { () throws(TableLogError) in
            try table.vacuum(retentionHours: retentionHours, dryRun: isDryRun, allowShortRetention: false)
        }
        if isDryRun {
            let schema = Schema([
                Field("path", .utf8, nullable: false), Field("size_bytes", .int64, nullable: false),
            ])
            let columns = [
                Column.utf8(report.files.map(\.path)), Column.int64(report.files.map(\.sizeBytes)),
            ]
            return QueryResult(
                schema: schema,
                batches: report.files.isEmpty ? [] : [Batch(schema: schema, columns: columns)])
        }
        return QueryResult.summary([
            ("num_deleted_files", .int(Int64(report.files.count)), .int64),
            ("num_deleted_bytes", .int(report.totalBytes), .int64),
            ("retention_hours", .int(report.retentionMillis / 3_600_000), .int64),
        ])
    }
}
