import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTextFormats

/// Snapshots the CSV files dropped in each `CSVFolderSource`'s folder into bronze and records each source in
/// the run-record table, the way `ExtractionRunner` does for API endpoints.
///
/// For each selected source, in order:
/// 1. lists the new files: directly inside the folder, named `*.csv`, not in `_lake/csv_files.json`, in path order;
///    none gives a `skipped` record;
/// 2. reads them in order with `CSVReader` (typed by the source's schema, or by the first file's inference) and
///    streams their rows into `bronze/<name>/<name>-<yyyyMMdd_HHmmss>.parquet` (refusing to overwrite), each
///    row stamped with `_source_file` (the file's path) and `_extracted_at` (the run's start, UTC microseconds).
///    A file that does not parse or does not fit the types fails the source: the snapshot is discarded, no file
///    is taken, and the record's error names `file:line`; the run goes on with the next source. Files without
///    rows are taken without adding rows; when no file has a row, no snapshot is written;
/// 3. saves the taken files after the snapshot is published: a crash in between takes them again next run
///    (a duplicate snapshot, never a lost file);
/// 4. appends its run record (`source` = `csv`, `endpoint` = the source name, `requests` = the files read,
///    `credits` 0, `params` = `{"folder", "files"}`).
///
/// Spec: spec/pipeline.md#csv-folder-sources
public struct CSVSnapshotRunner: Sendable {
    /// The lake: bronze snapshots, `_lake/` state and run records.
    public let store: any ObjectStore
    /// Where the files are dropped (the lake's store itself when the folders live inside the lake).
    public let inbox: any ObjectStore
    public let sources: [CSVFolderSource]
    public let clock: TableClock
    public let writeOptions: ParquetWriteOptions

    public init(
        store: any ObjectStore, inbox: (any ObjectStore)? = nil, sources: [CSVFolderSource],
        clock: TableClock = .system, writeOptions: ParquetWriteOptions = .init()
    ) {
        self.store = store
        self.inbox = inbox ?? store
        self.sources = sources
        self.clock = clock
        self.writeOptions = writeOptions
    }

    /// Snapshots the sources named in `names` (all when nil), in definition order.
    /// - Throws: `invalidDefinition` for an unknown or repeated source name; `storage` when the taken-file state
    ///   or the run-record table cannot be read or written. Source failures are not thrown: they are in the
    ///   report.
    public func run(only names: [String]? = nil) throws(PipelineError) -> ExtractionReport {
        let startedMillis = clock.nowMillis()
        let runID = BronzeLayout.timestampText(millis: startedMillis)
        let selected = try select(names)
        let recordTable = RunRecordTable(store: store, clock: clock)
        var taken = try CSVTakenFiles.load(from: store)
        var records: [RunRecord] = []
        for (position, source) in selected.enumerated() {
            let sourceStarted = clock.nowMillis()
            var files: [String] = []
            var rows: Int64 = 0
            var status = RunRecord.Status.succeeded
            var failure: String?
            var bronzePath: String?
            do {
                files = try newFiles(source, taken: taken)
                if files.isEmpty {
                    status = .skipped
                } else {
                    let path = BronzeLayout.snapshotPath(endpoint: source.name, millis: startedMillis)
                    let written = try snapshot(files, of: source, to: path, stampMicros: startedMillis * 1_000)
                    rows = written
                    if written > 0 { bronzePath = path }
                    for file in files { taken.bySource[source.name, default: [:]][file] = path }
                    try taken.save(to: store)
                }
            } catch {
                status = .failed
                failure = error.description
            }
            let record = RunRecord(
                runID: runID, sequence: Int64(position), endpoint: source.name, source: CSVFolderSource.recordSource,
                parameters: parametersText(source, files: files), requests: Int64(files.count), rows: rows,
                credits: 0, status: status, error: failure, bronzePath: bronzePath, startedMillis: sourceStarted,
                finishedMillis: clock.nowMillis())
            try recordTable.append([record])
            records.append(record)
        }
        return ExtractionReport(runID: runID, records: records)
    }

    private func select(_ names: [String]?) throws(PipelineError) -> [CSVFolderSource] {
        var seen: Set<String> = []
        for source in sources where !seen.insert(source.name).inserted {
            throw .invalidDefinition(location: "csv sources", reason: "source \(source.name) is defined twice")
        }
        for name in names ?? [] where !seen.contains(name) {
            throw .invalidDefinition(location: "csv sources", reason: "unknown source \(name)")
        }
        guard let names else { return sources }
        return sources.filter { names.contains($0.name) }
    }

    /// Files directly inside the source's folder named `*.csv` that it has not taken, in path order.
    func newFiles(_ source: CSVFolderSource, taken: CSVTakenFiles) throws(PipelineError) -> [String] {
        let listed: [ObjectInfo]
        do {
            listed = try inbox.list(prefix: source.folder, after: nil)
        } catch {
            throw .storage(path: source.folder, reason: "\(error)")
        }
        return listed.map(\.path).filter { path in
            let name = path.dropFirst(source.folder.count)
            return !name.contains("/") && name.lowercased().hasSuffix(".csv") && !name.hasPrefix(".")
                && !taken.contains(path, source: source.name)
        }
    }

    /// Streams the rows of `files` into the snapshot at `path`; returns the rows written (0: nothing published).
    private func snapshot(
        _ files: [String], of source: CSVFolderSource, to path: String, stampMicros: Int64
    ) throws(PipelineError) -> Int64 {
        var writer = BronzeSnapshotWriter(store: store, path: path, options: writeOptions)
        try writer.requireAbsent()
        do {
            var columns: Schema?
            var rows: Int64 = 0
            for file in files {
                var reader = try openReader(file, of: source, typedLike: columns)
                let fileColumns = columns ?? reader.schema
                columns = fileColumns
                while let batch = try nextBatch(&reader, of: source) {
                    let aligned = try Self.aligned(batch, to: fileColumns, file: file, source: source.name)
                    try writer.write(try Self.stamped(aligned, file: file, source: source.name, micros: stampMicros))
                    rows += Int64(batch.rowCount)
                }
            }
            guard rows > 0 else {
                writer.abort()
                return 0
            }
            _ = try writer.finish()
            return rows
        } catch {
            writer.abort()
            throw error
        }
    }

    /// A reader of `file`, typed by the source's schema, else by `columns` (the run's first file's types) once
    /// known.
    private func openReader(
        _ file: String, of source: CSVFolderSource, typedLike columns: Schema?
    ) throws(PipelineError) -> CSVReader {
        let bytes: [UInt8]
        do {
            let info = try inbox.head(file)
            guard info.sizeBytes <= source.fileBytesMax else {
                throw PipelineError.invalidPayload(
                    endpoint: source.name,
                    reason: "\(file) holds \(info.sizeBytes) bytes, more than the \(source.fileBytesMax) read at most")
            }
            bytes = try inbox.read(file)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: file, reason: "\(error)")
        }
        do {
            let reader = try CSVReader(
                bytes: bytes, sourceName: file, options: source.options, schema: source.schema ?? columns)
            if let columns, Set(reader.schema.fields.map(\.name)) != Set(columns.fields.map(\.name)) {
                throw PipelineError.invalidPayload(
                    endpoint: source.name,
                    reason: "\(file): columns \(Self.names(reader.schema)) differ from the run's first file's "
                        + Self.names(columns))
            }
            return reader
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .invalidPayload(endpoint: source.name, reason: "\(error)")
        }
    }

    private func nextBatch(_ reader: inout CSVReader, of source: CSVFolderSource) throws(PipelineError) -> Batch? {
        do {
            return try reader.nextBatch()
        } catch {
            throw .invalidPayload(endpoint: source.name, reason: error.description)
        }
    }

    private static func names(_ schema: Schema) -> String {
        "(" + schema.fields.map(\.name).joined(separator: ", ") + ")"
    }

    /// `batch`'s columns in the order of `schema` (a later file may order its header differently).
    static func aligned(_ batch: Batch, to schema: Schema, file: String, source: String) throws(PipelineError) -> Batch
    {
        if batch.schema == schema { return batch }
        var columns: [Column] = []
        for field in schema.fields {
            guard let index = batch.schema.index(of: field.name), batch.schema.fields[index].type == field.type else {
                throw .invalidPayload(
                    endpoint: source,
                    reason: "\(file): column \(field.name) is not \(field.type) as in the run's first file")
            }
            columns.append(batch.columns[index])
        }
        return Batch(schema: schema, columns: columns)
    }

    /// `batch` with `_source_file` and `_extracted_at` columns appended.
    static func stamped(_ batch: Batch, file: String, source: String, micros: Int64) throws(PipelineError) -> Batch {
        for name in [CSVFolderSource.sourceFileColumn, RecordFlattener.extractedAtColumn]
        where batch.schema.index(of: name) != nil {
            throw .invalidPayload(endpoint: source, reason: "\(file) has a column named \(name), which bronze adds")
        }
        let pathBytes = Array(file.utf8)
        guard batch.rowCount == 0 || pathBytes.count <= Int(Int32.max) / batch.rowCount else {
            throw .invalidPayload(endpoint: source, reason: "\(file): the path is too long to repeat on every row")
        }
        var data: [UInt8] = []
        data.reserveCapacity(pathBytes.count * batch.rowCount)
        for _ in 0..<batch.rowCount { data += pathBytes }
        let offsets = (0...batch.rowCount).map { Int32($0 * pathBytes.count) }
        let stampType = DataType.timestamp(.microseconds, utc: true)
        let fields =
            batch.schema.fields + [
                Field(CSVFolderSource.sourceFileColumn, .utf8, nullable: false),
                Field(RecordFlattener.extractedAtColumn, stampType, nullable: false),
            ]
        return Batch(
            schema: Schema(fields, metadata: batch.schema.metadata),
            columns: batch.columns + [
                Column(type: .utf8, values: .bytes(offsets: offsets, data: data)),
                Column(type: stampType, values: .int64(Array(repeating: micros, count: batch.rowCount))),
            ])
    }

    private func parametersText(_ source: CSVFolderSource, files: [String]) -> String {
        let object: JSONObject = ["folder": .string(source.folder), "files": .array(files.map { .string($0) })]
        return (try? JSONWriter.serializedString(.object(object))) ?? source.folder
    }
}
