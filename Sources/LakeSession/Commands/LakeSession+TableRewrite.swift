import LakeColumnar
import LakeSQL
import LakeTable

/// What `LakeSession.rewriteTable` committed.
struct TableRewriteOutcome: Sendable {
    /// The version committed; nil when no row was flagged (nothing committed).
    var version: Int64?
    /// Rows whose flag was TRUE (deleted or updated).
    var flaggedRows: Int64
    var files: FileChanges
}

extension LakeSession {
    /// Replaces every row of a Delta table with rows the executor computes from it, in one overwrite commit: the
    /// path of DELETE and UPDATE when LakeTable has no operation for their predicate or assignments.
    ///
    /// `items` are evaluated over a scan of all of the table's columns: one item per table column (its new value)
    /// and a last boolean item, the flag (TRUE for the rows the statement changes). With `dropsFlagged` the flagged
    /// rows are left out (DELETE), else every row is written (UPDATE). When no row is flagged nothing is
    /// committed. The commit is a `WRITE` in mode `Overwrite`: all or nothing, never a partial state.
    ///
    /// The scan reads the version the statement was bound against; when another writer committed before the
    /// overwrite is prepared (or before a computation that flagged nothing), the rows are computed again from the
    /// latest version (at most
    /// `CommandLimits.rewriteAttemptsMax` attempts), so no concurrent commit is lost. Memory holds the whole
    /// table's rows.
    /// - Throws: `unsupported` for a table with columns the executor cannot read (they would be dropped);
    ///   `.execution` when an expression fails; `.table` when the table's schema changed meanwhile
    ///   (`commitConflict(.metadataChanged, ...)`), after the last attempt (`.retriesExhausted`), or for the
    ///   refusals of `Table.prepareWrite` and `Transaction.commit` (an append-only table refuses).
    func rewriteTable(
        _ target: ResolvedTable, statement: String, items: [ProjectionItem], dropsFlagged: Bool
    ) throws(SessionError) -> TableRewriteOutcome {
        let name = target.handle.identity
        let table = try deltaTable(target.handle, for: statement)
        let width = target.schema.fields.count
        precondition(items.count == width + 1, "a rewrite computes every column and a flag")
        guard var version = target.handle.version else {
            throw .unsupported("\(statement) on \(name), which has no versions")
        }
        try checkRewritable(
            table, version: version, schema: target.schema, name: name, statement: statement)
        for _ in 0..<CommandLimits.rewriteAttemptsMax {
            let scan = LogicalPlan.scan(
                table: TableHandle(identity: name, version: version), tableSchema: target.schema,
                columns: Array(0..<width), filters: [])
            let result = try run(.project(scan, items))
            var batches: [Batch] = []
            var flaggedRows: Int64 = 0
            for batch in result.batches where batch.rowCount > 0 {
                let flags = batch.columns[width]
                var kept: [Int] = []
                for row in 0..<batch.rowCount {
                    let isFlagged = flags.value(at: row) == .bool(true)
                    if isFlagged { flaggedRows += 1 }
                    if !(isFlagged && dropsFlagged) { kept.append(row) }
                }
                if kept.isEmpty { continue }
                let columns = batch.columns.prefix(width).map {
                    kept.count == batch.rowCount ? $0 : $0.taking(kept)
                }
                let fields = zip(target.schema.fields, batch.schema.fields).map {
                    Field($0.name, $0.type, nullable: $1.isNullable)
                }
                batches.append(Batch(schema: Schema(fields), columns: Array(columns)))
            }
            var transaction: Transaction?
            if flaggedRows > 0 {
                transaction = try tableCall(name) { () throws(TableLogError) in
                    try table.prepareWrite(.overwrite, batches)
                }
            }
            if let transaction, transaction.readVersion == nil || transaction.readVersion == version {
                let files = FileChanges(transaction.actions)
                let outcome = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
                return TableRewriteOutcome(version: outcome.version, flaggedRows: flaggedRows, files: files)
            }
            // No row flagged, or another writer committed after the version read: that version's rows are stale
            // unless it is still the latest. Start over from the latest.
            var latest = transaction?.readVersion ?? version
            if transaction == nil { latest = try latestVersion(of: table, name: name) }
            if latest == version { return TableRewriteOutcome(version: nil, flaggedRows: 0, files: FileChanges([])) }
            try checkRewritable(table, version: latest, schema: target.schema, name: name, statement: statement)
            version = latest
        }
        throw .table(
            name,
            .commitConflict(
                .retriesExhausted, attempted: version + 1, winner: version + 1, operation: nil))
    }

    /// The table's latest version.
    func latestVersion(of table: Table, name: String) throws(SessionError) -> Int64 {
        try tableCall(name) { () throws(TableLogError) in try table.snapshot().version }
    }

    /// Checks that version `version` of the table has exactly the columns `schema` (names and types) lists.
    /// - Throws: `unsupported` when it has columns the executor cannot read; `.table(name,
    ///   .commitConflict(.metadataChanged))` when its columns differ.
    func checkRewritable(
        _ table: Table, version: Int64, schema: Schema, name: String, statement: String
    ) throws(SessionError) {
        let snapshot = try tableCall(name) { () throws(TableLogError) in
            try table.snapshot(version: version)
        }
        let full: Schema
        do {
            full = try snapshot.schema.columnarSchema()
        } catch {
            throw .unsupported(
                "\(statement) on \(name): the table has columns the executor cannot read (\(error))")
        }
        let current = full.fields.map { "\($0.name) \($0.type)" }
        guard current == schema.fields.map({ "\($0.name) \($0.type)" }) else {
            throw .table(
                name,
                .commitConflict(
                    .metadataChanged, attempted: version, winner: version, operation: "schema change"))
        }
    }
}
