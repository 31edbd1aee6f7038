import LakeColumnar
import LakeSQL
import LakeTable

extension LakeSession {
    /// `INSERT INTO t query` appends the query's rows in one commit (a blind append, which concurrent appends
    /// never conflict with); `INSERT OVERWRITE t query` replaces every live file with them in one commit. The
    /// query runs to completion before anything is written. An INSERT INTO of no rows commits nothing.
    ///
    /// Summary: `version`, `num_affected_rows` (rows inserted), `num_added_files`, `num_removed_files`.
    /// - Throws: `.execution` when the query fails; `.table` with `schemaMismatch`, `appendOnlyViolation` (an
    ///   overwrite of an append-only table) or a commit conflict.
    func insert(_ command: InsertCommand) throws(SessionError) -> QueryResult {
        let name = command.table.handle.identity
        let table = try deltaTable(
            command.table.handle, for: command.isOverwrite ? "INSERT OVERWRITE" : "INSERT INTO")
        let result = try run(command.query)
        let batches = try Self.batches(of: result, as: command.table.schema, for: name)
        let rows = Int64(result.rowCount)
        if rows == 0 && !command.isOverwrite {
            return CommandSummary(
                version: nil, [("num_affected_rows", 0), ("num_added_files", 0), ("num_removed_files", 0)]
            ).result
        }
        let transaction = try tableCall(name) { () throws(TableLogError) in
            try table.prepareWrite(command.isOverwrite ? .overwrite : .append, batches)
        }
        let files = FileChanges(transaction.actions)
        let outcome = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
        return CommandSummary(
            version: outcome.version,
            [
                ("num_affected_rows", rows), ("num_added_files", files.addedCount),
                ("num_removed_files", files.removedCount),
            ]
        ).result
    }

    /// The result's batches relabelled with the table's column names (the binder already converted the types);
    /// nullability stays the query's, so the table's writer still checks NOT NULL columns. Empty batches are
    /// dropped.
    /// - Throws: `invalidArgument` when the result's column types are not the table's.
    static func batches(of result: QueryResult, as tableSchema: Schema, for name: String)
        throws(SessionError)
        -> [Batch]
    {
        guard result.schema.fields.map(\.type) == tableSchema.fields.map(\.type) else {
            let found = result.schema.fields.map { "\($0.type)" }.joined(separator: ", ")
            let expected = tableSchema.fields.map { "\($0.type)" }.joined(separator: ", ")
            throw .invalidArgument(
                "rows for \(name) have the types (\(found)); the table has (\(expected))")
        }
        let schema = Schema(
            zip(tableSchema.fields, result.schema.fields).map {
                Field($0.name, $0.type, nullable: $1.isNullable)
            })
        return result.batches.filter { $0.rowCount > 0 }.map {
            Batch(schema: schema, columns: $0.columns)
        }
    }
}
