import LakeColumnar
import LakeCore
import LakeSQL
import LakeTable

extension LakeSession {
    /// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [PARTITIONED BY (...)] AS query`.
    ///
    /// A new table is built in a `StagingDirectory` beside `<root>/a/b` (parents created): commit 0 with the
    /// query's columns (all nullable) and partitioning, then one append of the rows, then a rename into place, so
    /// the table appears with its rows or not at all. The query runs before anything is written.
    ///
    /// On an existing Delta table: IF NOT EXISTS does nothing (`version` NULL); OR REPLACE overwrites its rows in
    /// one commit when the query has the table's columns (names and types) and partitioning, so older versions
    /// stay readable; otherwise the statement fails.
    ///
    /// Summary: `version`, `num_affected_rows` (rows written), `num_added_files`.
    /// - Throws: `.table(name, .tableExists)` for an existing table without OR REPLACE / IF NOT EXISTS;
    ///   `invalidArgument` when the directory exists and is not a Delta table (or not empty); `unsupported` for
    ///   OR REPLACE with another schema or partitioning; `.table` for the refusals of `Table.create` (a partition
    ///   type Delta refuses, every column a partition column).
    func createTable(_ command: CreateTableAsCommand) throws(SessionError) -> QueryResult {
        let location = try catalog.location(of: command.target)
        let name = command.target.description
        if location.isDeltaTable {
            if command.ifNotExists {
                return CommandSummary(version: nil, [("num_affected_rows", 0), ("num_added_files", 0)])
                    .result
            }
            guard command.orReplace else { throw .table(name, .tableExists(location.path)) }
            return try replaceTable(command, at: location, name: name)
        }
        if FileSystemPaths.isDirectory(location.path)
            && !FileSystemPaths.isEmptyDirectory(location.path)
        {
            throw .invalidArgument(
                "CREATE TABLE \(name): \(location.path) exists and is not a Delta table (a folder of other files)"
            )
        }
        let result = try run(command.query)
        let schema = Schema(result.schema.fields.map { Field($0.name, $0.type, nullable: true) })
        let partitionColumns = command.partitionColumns.filter { schema.fields.indices.contains($0) }
            .map { schema.fields[$0].name }
        let batches = try Self.batches(of: result, as: schema, for: name)
        let staging = try StagingDirectory(for: location.path)
        let table = Table(store: LocalObjectStore(root: staging.path), root: "", clock: clock)
        do {
            var version = try tableCall(name) { () throws(TableLogError) in
                try table.create(schema: schema, partitionColumns: partitionColumns)
            }
            var files = FileChanges([])
            if !batches.isEmpty {
                let transaction = try tableCall(name) { () throws(TableLogError) in
                    try table.prepareWrite(.append, batches)
                }
                files = FileChanges(transaction.actions)
                version = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
                    .version
            }
            try staging.publish()
            return CommandSummary(
                version: version,
                [("num_affected_rows", Int64(result.rowCount)), ("num_added_files", files.addedCount)]
            ).result
        } catch {
            staging.remove()
            throw error
        }
    }

    /// CREATE OR REPLACE on an existing Delta table with the same columns and partitioning: one overwrite commit.
    private func replaceTable(
        _ command: CreateTableAsCommand, at location: DatasetLocation, name: String
    ) throws(SessionError) -> QueryResult {
        let table = catalog.table(at: location)
        let snapshot = try tableCall(name) { () throws(TableLogError) in try table.snapshot() }
        let existing = try tableCall(name) { () throws(TableLogError) in
            try snapshot.schema.columnarSchema()
        }
        let querySchema = command.query.schema
        let partitionColumns = command.partitionColumns.filter {
            querySchema.fields.indices.contains($0)
        }
        .map { querySchema.fields[$0].name }
        guard existing.fields.map(\.name) == querySchema.fields.map(\.name),
            existing.fields.map(\.type) == querySchema.fields.map(\.type),
            partitionColumns == snapshot.metadata.partitionColumns
        else {
            throw .unsupported(
                "CREATE OR REPLACE TABLE \(name) with other columns or partitioning than the existing table's "
                    + "(LakeTable commits no new schema with an overwrite); drop the directory or write a new table"
            )
        }
        let result = try run(command.query)
        let batches = try Self.batches(of: result, as: existing, for: name)
        let transaction = try tableCall(name) { () throws(TableLogError) in
            try table.prepareWrite(.overwrite, batches)
        }
        let files = FileChanges(transaction.actions)
        let outcome = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
        return CommandSummary(
            version: outcome.version,
            [("num_affected_rows", Int64(result.rowCount)), ("num_added_files", files.addedCount)]
        ).result
    }
}
