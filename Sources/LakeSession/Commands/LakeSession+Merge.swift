import LakeColumnar
import LakeSQL
import LakeTable

extension LakeSession {
    /// `MERGE INTO target USING source ON ... WHEN ...`, for the shapes `MergeShape` recognises: the executor
    /// computes the rows to insert or the new rows of matched targets, and `Table.prepareMerge` applies them in one
    /// `MERGE` commit. When another writer committed between the read and the merge, the rows are computed again
    /// from the newer version (at most `CommandLimits.rewriteAttemptsMax` attempts).
    ///
    /// Summary: `version` (NULL when nothing changed), `num_affected_rows`, `num_inserted_rows`,
    /// `num_updated_rows`, `num_added_files`, `num_removed_files`.
    /// - Throws: `unsupported` for other shapes (see `MergeShape`); `.table(name, .invalidArgument)` when two
    ///   rows to merge have the same key (several source rows matching one target row, or a duplicated new key).
    func merge(_ command: MergeCommand) throws(SessionError) -> QueryResult {
        let name = command.target.handle.identity
        let table = try deltaTable(command.target.handle, for: "MERGE")
        let nothing = CommandSummary(
            version: nil,
            [
                ("num_affected_rows", 0), ("num_inserted_rows", 0), ("num_updated_rows", 0),
                ("num_added_files", 0),
                ("num_removed_files", 0),
            ])
        guard let shape = try MergeShape.recognize(command) else { return nothing.result }
        guard var version = command.target.handle.version else {
            throw .unsupported("MERGE into \(name), which has no versions")
        }
        let schema = command.target.schema
        for _ in 0..<CommandLimits.rewriteAttemptsMax {
            let scan = LogicalPlan.scan(
                table: TableHandle(identity: name, version: version), tableSchema: schema,
                columns: Array(schema.fields.indices), filters: [])
            let result = try run(shape.rows(over: scan))
            let batches = try Self.batches(of: result, as: schema, for: name)
            var prepared: Transaction?
            if !batches.isEmpty {
                prepared = try tableCall(name) { () throws(TableLogError) in
                    try table.prepareMerge(batches, on: shape.keyColumns, mode: shape.mode)
                }
            }
            if let transaction = prepared, transaction.readVersion == nil || transaction.readVersion == version {
                let files = FileChanges(transaction.actions)
                let outcome = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
                let metrics = try tableCall(name) { () throws(TableLogError) in
                    try commitMetrics(of: table, version: outcome.version)
                }
                let inserted = metrics.count("num_target_rows_inserted")
                let updated = metrics.count("num_target_rows_updated")
                return CommandSummary(
                    version: outcome.version,
                    [
                        ("num_affected_rows", inserted + updated), ("num_inserted_rows", inserted),
                        ("num_updated_rows", updated), ("num_added_files", files.addedCount),
                        ("num_removed_files", files.removedCount),
                    ]
                ).result
            }
            // Nothing to merge, or another writer committed after the version read: the rows were computed from
            // a stale version unless it is still the latest.
            var latest = prepared?.readVersion ?? version
            if prepared == nil { latest = try latestVersion(of: table, name: name) }
            if latest == version { return nothing.result }
            try checkRewritable(table, version: latest, schema: schema, name: name, statement: "MERGE")
            version = latest
        }
        throw .table(
            name,
            .commitConflict(
                .retriesExhausted, attempted: version + 1, winner: version + 1, operation: nil))
    }
}
