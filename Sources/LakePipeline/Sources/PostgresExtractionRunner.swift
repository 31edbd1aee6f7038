import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeWarehouse

/// Extracts PostgreSQL tables into bronze snapshots and records each in the run-record table, the way
/// `ExtractionRunner` does for API endpoints.
///
/// A run opens one connection and, for each selected source in order:
/// 1. builds an `ExtractionRequest` (the cursor position from `_lake/postgres_cursors.json` when incremental);
/// 2. streams the rows through `WarehouseExtractor` into `bronze/<name>/<name>-<yyyyMMdd_HHmmss>.parquet`
///    (refusing to overwrite), each batch stamped with `_extracted_at` (the run's start, UTC microseconds) like
///    API snapshots. A full extraction of an empty table writes a snapshot with no rows (its schema is known);
///    an incremental one with no new rows writes nothing and is recorded `skipped`;
/// 3. saves the new cursor position, after the snapshot is published: a crash in between extracts those rows
///    again next run (duplicates in bronze, never a gap);
/// 4. appends its run record (`source` = `postgres`, `endpoint` = the source name, `requests` 1, `credits` 0,
///    `params` = `{"table", "columns", "cursor_column", "after"}`).
/// A failing source is recorded with its error and the run goes on; when the connection cannot be opened, every
/// source is recorded as failed with that error.
///
/// Spec: spec/warehouse.md §10.3 (PostgreSQL sources in the pipeline)
public struct PostgresExtractionRunner: Sendable {
    public let store: any ObjectStore
    public let url: WarehouseURL
    public let sources: [PostgresSource]
    public let clock: TableClock
    public let writeOptions: ParquetWriteOptions
    /// Rows per batch read from PostgreSQL and handed to the Parquet writer (which sizes row groups itself).
    public let batchRowsMax: Int

    public init(
        store: any ObjectStore, url: WarehouseURL, sources: [PostgresSource], clock: TableClock = .system,
        writeOptions: ParquetWriteOptions = .init(), batchRowsMax: Int = WarehouseExtractor.batchRowsDefault
    ) {
        precondition(batchRowsMax > 0, "a batch holds at least one row")
        self.store = store
        self.url = url
        self.sources = sources
        self.clock = clock
        self.writeOptions = writeOptions
        self.batchRowsMax = batchRowsMax
    }

    /// Extracts the sources named in `names` (all when nil), in definition order.
    /// - Throws: `invalidDefinition` for an unknown or repeated source name; `storage` when the cursor state or
    ///   the run-record table cannot be read or written. Source failures are not thrown: they are in the report.
    public func run(only names: [String]? = nil) throws(PipelineError) -> ExtractionReport {
        let startedMillis = clock.nowMillis()
        let runID = BronzeLayout.timestampText(millis: startedMillis)
        let selected = try select(names)
        let recordTable = RunRecordTable(store: store, clock: clock)
        var cursors = try PostgresCursorState.load(from: store)
        let connection: WarehouseConnection
        do {
            connection = try WarehouseConnection(url)
        } catch {
            let finished = clock.nowMillis()
            let failed = selected.enumerated().map { position, source in
                RunRecord(
                    runID: runID, sequence: Int64(position), endpoint: source.name, source: PostgresSource.recordSource,
                    parameters: parametersText(source, after: cursors.after(for: source)), requests: 0, rows: 0,
                    credits: 0, status: .failed, error: "\(error)", bronzePath: nil, startedMillis: startedMillis,
                    finishedMillis: finished)
            }
            try recordTable.append(failed)
            return ExtractionReport(runID: runID, records: failed)
        }
        var records: [RunRecord] = []
        for (position, source) in selected.enumerated() {
            let record = extract(
                source, connection: connection, runID: runID, sequence: Int64(position),
                runStartedMillis: startedMillis, cursors: &cursors)
            if record.status == .succeeded, source.cursorColumn != nil { try cursors.save(to: store) }
            try recordTable.append([record])
            records.append(record)
        }
        return ExtractionReport(runID: runID, records: records)
    }

    private func select(_ names: [String]?) throws(PipelineError) -> [PostgresSource] {
        var seen: Set<String> = []
        for source in sources where !seen.insert(source.name).inserted {
            throw .invalidDefinition(location: "postgres sources", reason: "source \(source.name) is defined twice")
        }
        for name in names ?? [] where !seen.contains(name) {
            throw .invalidDefinition(location: "postgres sources", reason: "unknown source \(name)")
        }
        return names.map { wanted in sources.filter { wanted.contains($0.name) } } ?? sources
    }

    // MARK: - One source

    private func extract(
        _ source: PostgresSource, connection: WarehouseConnection, runID: String, sequence: Int64,
        runStartedMillis: Int64, cursors: inout PostgresCursorState
    ) -> RunRecord {
        let startedMillis = clock.nowMillis()
        let after = cursors.after(for: source)
        var rows: Int64 = 0
        func record(_ status: RunRecord.Status, error: String? = nil, bronzePath: String? = nil) -> RunRecord {
            RunRecord(
                runID: runID, sequence: sequence, endpoint: source.name, source: PostgresSource.recordSource,
                parameters: parametersText(source, after: after), requests: 1, rows: rows, credits: 0,
                status: status, error: error, bronzePath: bronzePath, startedMillis: startedMillis,
                finishedMillis: clock.nowMillis())
        }
        let path = BronzeLayout.snapshotPath(endpoint: source.name, millis: runStartedMillis)
        var snapshot = BronzeSnapshotWriter(store: store, path: path, options: writeOptions)
        do throws(PipelineError) {
            try snapshot.requireAbsent()
            let request = ExtractionRequest(
                table: source.table, columns: source.columns,
                cursor: source.cursorColumn.map { ExtractionCursor(column: $0, after: after) })
            let extractor = WarehouseExtractor(connection: connection, batchRowsMax: batchRowsMax)
            let stamp = runStartedMillis * 1_000
            let summary: ExtractionSummary
            do throws(WarehouseError) {
                summary = try extractor.extract(request) { (batch: Batch) throws(WarehouseError) in
                    // An incremental source with nothing new writes no snapshot.
                    if batch.rowCount == 0 && source.cursorColumn != nil { return }
                    do throws(PipelineError) {
                        try snapshot.write(try Self.stamped(batch, micros: stamp))
                    } catch {
                        snapshot.failure = error
                        throw .source("writing \(path) failed")
                    }
                }
            } catch {
                throw snapshot.failure ?? PipelineError.stepFailed(step: "extract \(source.name)", reason: "\(error)")
            }
            rows = Int64(summary.rowCount)
            guard try snapshot.finish() else { return record(.skipped) }
            if let column = source.cursorColumn, let value = summary.cursorValue {
                cursors.bySource[source.name] = PostgresCursorState.Position(column: column, value: value)
            }
            return record(.succeeded, bronzePath: path)
        } catch {
            snapshot.abort()
            return record(.failed, error: "\(error)")
        }
    }

    /// `batch` with the `_extracted_at` column appended.
    /// - Throws: `invalidDefinition` when the table has a column of that name already.
    static func stamped(_ batch: Batch, micros: Int64) throws(PipelineError) -> Batch {
        let name = RecordFlattener.extractedAtColumn
        guard batch.schema.index(of: name) == nil else {
            throw .invalidDefinition(location: "postgres sources", reason: "the table has a column named \(name)")
        }
        let type = DataType.timestamp(.microseconds, utc: true)
        let stamps = Column(type: type, values: .int64(Array(repeating: micros, count: batch.rowCount)))
        return Batch(
            schema: Schema(batch.schema.fields + [Field(name, type, nullable: false)], metadata: batch.schema.metadata),
            columns: batch.columns + [stamps])
    }

    private func parametersText(_ source: PostgresSource, after: String?) -> String {
        let object: JSONObject = [
            "table": .string(source.table.description),
            "columns": source.columns.map { .array($0.map { .string($0) }) } ?? .null,
            "cursor_column": source.cursorColumn.map { .string($0) } ?? .null,
            "after": after.map { .string($0) } ?? .null,
        ]
        return (try? JSONWriter.serializedString(.object(object))) ?? source.table.description
    }
}
