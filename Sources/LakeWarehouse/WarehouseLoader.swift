import LakeColumnar
import Synchronization

/// Loads batches into a PostgreSQL table with binary COPY, all or nothing per table, exactly once per source
/// version.
///
/// One load is one transaction on the main connection:
/// 1. take an advisory lock on the target, and stop (reporting `alreadyLoaded`) when `lake_load_state` holds
///    this (target, source identity, version) unless `reload` is set;
/// 2. create the target when missing (`createTable`), then read its column types;
/// 3. `append` without filters COPYs straight into the target (a staging copy would only write the rows twice);
///    `insertMissing` and foreign-key filters COPY into a temporary staging table and then
///    `INSERT INTO target SELECT ... FROM staging WHERE ...`;
/// 4. record the load in `lake_load_state` and commit.
/// Any failure (server gone, constraint violated, bad input) rolls the whole transaction back: the target keeps
/// none of the rows and no state row is written, so a retry loads exactly once.
///
/// With `connections > 1` and several parts, each worker connection COPYs its share of the parts into an
/// unlogged staging table of its own and commits; then the main connection moves all staged rows into the target
/// in one transaction as above, and drops the staging tables in it. The target still changes only in that
/// final transaction. See spec/warehouse.md §6 for the rule and what a crash leaves behind.
///
/// Spec: spec/warehouse.md §4-§6.
public struct WarehouseLoader: Sendable {
    public let url: WarehouseURL

    public init(url: WarehouseURL) {
        self.url = url
    }

    /// The highest version of `source` recorded as loaded into `target`, or nil.
    public func lastLoadedVersion(target: TableName, source identity: String) throws(WarehouseError) -> Int64? {
        try LoadState.lastLoadedVersion(target: target, source: identity, connection: WarehouseConnection(url))
    }

    /// Loads `input` into `target` as version `source.version` of `source.identity`.
    /// - Parameter progress: called after each chunk sent (from worker threads when parallel, one at a time).
    /// - Throws: `connection` / `server` from PostgreSQL, `source` when a part fails, `missingColumn` /
    ///   `typeMismatch` when the target does not fit the input, `invalidLoad` for options that do not fit the
    ///   target, `valueOutOfRange` for values PostgreSQL cannot hold. Nothing is loaded when it throws.
    public func load(
        _ input: LoadInput, into target: TableName, from source: LoadSource, options: LoadOptions = LoadOptions(),
        progress: @escaping @Sendable (LoadProgress) -> Void = { _ in }
    ) throws(WarehouseError) -> LoadReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report: LoadReport
        if options.connections > 1 && input.parts.count > 1 {
            report = try loadInParallel(input, into: target, from: source, options: options, progress: progress)
        } else {
            report = try loadInOneTransaction(input, into: target, from: source, options: options, progress: progress)
        }
        let elapsed = clock.now - start
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return report
    }

    private func loadInOneTransaction(
        _ input: LoadInput, into target: TableName, from source: LoadSource, options: LoadOptions,
        progress: @escaping @Sendable (LoadProgress) -> Void
    ) throws(WarehouseError) -> LoadReport {
        let connection = try WarehouseConnection(url)
        try LoadState.ensureTable(connection)
        var report = LoadReport(target: target, source: source)
        try connection.execute("BEGIN")
        do throws(WarehouseError) {
            try LoadState.lock(target, connection)
            if !options.reload, try LoadState.isRecorded(target, source, connection) {
                try connection.execute("ROLLBACK")
                report.alreadyLoaded = true
                return report
            }
            let table = try prepareTarget(target, schema: input.schema, options: options, connection)
            let encoder = try makeEncoder(for: input.schema, table: table)
            let staged = options.mode == .insertMissing || !options.foreignKeyFilters.isEmpty
            let staging = TableName("lake_stage")
            if staged {
                try connection.execute(
                    "CREATE TEMPORARY TABLE \(try staging.quoted()) (LIKE \(try target.quoted()) INCLUDING DEFAULTS) "
                        + "ON COMMIT DROP")
            }
            let counter = ProgressCounter(partsTotal: input.parts.count, report: progress)
            let copied = try copy(
                input.parts, with: encoder, into: staged ? staging : target, connection, options: options,
                counter: counter)
            report.rowsRead = copied.rows
            report.bytesSent = copied.bytes
            if staged {
                try moveStagedRows(
                    from: try staging.quoted(), into: table, columns: encoder.plans.map(\.name), options: options,
                    report: &report, connection)
            } else {
                report.rowsLoaded = copied.rows
            }
            try LoadState.record(report, mode: options.mode, connection)
            try connection.execute("COMMIT")
            return report
        } catch {
            if connection.isAlive { _ = try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    /// Creates the target when asked and reads its catalog entry.
    func prepareTarget(
        _ target: TableName, schema: Schema, options: LoadOptions, _ connection: WarehouseConnection
    ) throws(WarehouseError) -> TargetTable {
        if options.createTable {
            try connection.execute(try TableDefinition(name: target, schema: schema).createStatement())
        }
        guard let table = try TargetTable.read(target, connection) else {
            throw .invalidLoad("table \(target) does not exist")
        }
        return table
    }

    /// An encoder writing each input column as its target column's type.
    func makeEncoder(for schema: Schema, table: TargetTable) throws(WarehouseError) -> BinaryCopyEncoder {
        var targets: [PostgresType] = []
        for field in schema.fields {
            guard let column = table.columns.first(where: { $0.name == field.name }) else {
                throw .missingColumn(table: table.name.description, column: field.name)
            }
            guard let type = column.type else {
                throw .typeMismatch(column: field.name, source: "\(field.type)", target: column.typeName)
            }
            targets.append(type)
        }
        return try BinaryCopyEncoder(schema: schema, targets: targets)
    }

    /// Streams `parts` through one `COPY ... FROM STDIN (FORMAT binary)` into `destination`.
    func copy(
        _ parts: [LoadPart], with encoder: BinaryCopyEncoder, into destination: TableName,
        _ connection: WarehouseConnection, options: LoadOptions, counter: ProgressCounter
    ) throws(WarehouseError) -> (rows: Int, bytes: Int) {
        let columns = try SQLIdentifier.quoteList(encoder.plans.map(\.name))
        let statement = "COPY \(try destination.quoted()) (\(columns)) FROM STDIN (FORMAT binary)"
        let types = encoder.plans.map(\.source)
        let chunkRows = max(1, options.chunkRowsMax)
        let rowsRead = Mutex(0)
        let pipeline = ChunkPipeline(capacity: 4)
        pipeline.start { (pipeline: ChunkPipeline) throws(WarehouseError) in
            for part in parts {
                do {
                    try part.produce { batch in
                        guard batch.columns.map(\.type) == types else {
                            throw WarehouseError.source(
                                "a batch has columns \(batch.columns.map { "\($0.type)" }), the input schema "
                                    + "\(types.map { "\($0)" })")
                        }
                        var offset = 0
                        while offset < batch.rowCount {
                            let end = min(batch.rowCount, offset + chunkRows)
                            let tuples = try encoder.encode(batch, rows: offset..<end)
                            try pipeline.put(tuples)
                            counter.add(rows: end - offset, bytes: tuples.count)
                            offset = end
                        }
                        rowsRead.withLock { $0 += batch.rowCount }
                    }
                } catch let error as WarehouseError {
                    throw error
                } catch {
                    throw .source("\(error)")
                }
                counter.finishPart()
            }
        }
        var bytes = 0
        do {
            _ = try connection.copyIn(statement) { (stream: inout CopyInStream) throws(WarehouseError) in
                try stream.send(BinaryCopyEncoder.header)
                while let chunk = try pipeline.next() { try stream.send(chunk) }
                try stream.send(BinaryCopyEncoder.trailer)
                bytes = stream.bytesSent
            }
        } catch {
            pipeline.cancelAndWait()
            throw error
        }
        pipeline.cancelAndWait()
        let rows = rowsRead.withLock { $0 }
        return (rows, bytes)
    }

    /// `INSERT INTO target SELECT ... FROM staged`, applying the foreign-key filters and, for `insertMissing`,
    /// skipping keys already present; fills the loaded, rejected and skipped counts.
    func moveStagedRows(
        from staged: String, into table: TargetTable, columns: [String], options: LoadOptions,
        report: inout LoadReport, _ connection: WarehouseConnection
    ) throws(WarehouseError) {
        let target = try table.name.quoted()
        var qualified: [String] = []
        for column in columns { qualified.append("s." + (try SQLIdentifier.quote(column))) }
        var conditions: [String] = []
        for filter in options.foreignKeyFilters {
            var nulls: [String] = []
            var matches: [String] = []
            for (column, referenced) in zip(filter.columns, filter.referencedColumns) {
                let quotedColumn = try SQLIdentifier.quote(column)
                nulls.append("s.\(quotedColumn) IS NULL")
                matches.append("r.\(try SQLIdentifier.quote(referenced)) = s.\(quotedColumn)")
            }
            conditions.append(
                "(\(nulls.joined(separator: " OR ")) OR EXISTS (SELECT 1 FROM \(try filter.referencedTable.quoted()) r "
                    + "WHERE \(matches.joined(separator: " AND "))))")
        }
        if !conditions.isEmpty {
            let rejected = try connection.execute(
                "SELECT count(*) FROM \(staged) s WHERE NOT (\(conditions.joined(separator: " AND ")))")
            report.rowsRejected = rejected.scalar.flatMap { Int($0) } ?? 0
        }
        var distinct = ""
        var order = ""
        if options.mode == .insertMissing {
            let key = options.keyColumns ?? table.primaryKey
            guard !key.isEmpty else {
                throw .invalidLoad("insert-missing needs key columns, and \(table.name) has no primary key")
            }
            var keyTerms: [String] = []
            var matches: [String] = []
            for column in key {
                guard columns.contains(column) else { throw .missingColumn(table: "input", column: column) }
                let quoted = try SQLIdentifier.quote(column)
                keyTerms.append("s.\(quoted)")
                matches.append("t.\(quoted) = s.\(quoted)")
            }
            conditions.append("NOT EXISTS (SELECT 1 FROM \(target) t WHERE \(matches.joined(separator: " AND ")))")
            distinct = "DISTINCT ON (\(keyTerms.joined(separator: ", "))) "
            order = " ORDER BY \(keyTerms.joined(separator: ", "))"
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let inserted = try connection.execute(
            "INSERT INTO \(target) (\(try SQLIdentifier.quoteList(columns))) SELECT \(distinct)"
                + "\(qualified.joined(separator: ", ")) FROM \(staged) s\(filter)\(order)")
        report.rowsLoaded = inserted.affectedRows ?? 0
        report.rowsSkipped = report.rowsRead - report.rowsLoaded - report.rowsRejected
    }
}

/// Progress counters shared by the workers of one load; reports one update at a time.
final class ProgressCounter: Sendable {
    private let state: Mutex<LoadProgress>
    private let report: @Sendable (LoadProgress) -> Void

    init(partsTotal: Int, report: @escaping @Sendable (LoadProgress) -> Void) {
        state = Mutex(LoadProgress(partsTotal: partsTotal))
        self.report = report
    }

    func add(rows: Int, bytes: Int) {
        state.withLock { progress in
            progress.rowsRead += rows
            progress.bytesSent += bytes
            report(progress)
        }
    }

    func finishPart() {
        state.withLock { progress in
            progress.partsDone += 1
            report(progress)
        }
    }
}
