import LakeColumnar
import LakeCore
import LakeTable

/// The run-metadata table `_lake/pipeline_runs`: a Delta table with one row per planned step per pipeline run
/// (endpoints, models, loads, post-load steps, backups, maintenance), appended as each stage of a run finishes.
///
/// Queryable with SQL like any lake table (`SELECT * FROM '_lake/pipeline_runs'`). The extraction stage also keeps
/// its detailed per-endpoint records (requests, credits, bronze path) in `_lake/extract_runs` (`RunRecordTable`).
///
/// Spec: spec/pipeline.md#run-metadata
public struct PipelineRunTable: Sendable {
    public static let root = "_lake/pipeline_runs"
    /// The runner checkpoints the table when its version is a multiple of this.
    public static let checkpointIntervalCommits: Int64 = 100

    public static let schema = Schema([
        Field("run_id", .utf8, nullable: false),
        Field("sequence", .int64, nullable: false),
        Field("frequency_group", .utf8, nullable: true),
        Field("stage", .utf8, nullable: false),
        Field("kind", .utf8, nullable: false),
        Field("name", .utf8, nullable: false),
        Field("status", .utf8, nullable: false),
        Field("rows", .int64, nullable: false),
        Field("seconds", .float64, nullable: false),
        Field("error", .utf8, nullable: true),
        Field("detail", .utf8, nullable: true),
        Field("started_at", .timestamp(.microseconds, utc: true), nullable: false),
        Field("finished_at", .timestamp(.microseconds, utc: true), nullable: false),
    ])

    public let table: Table

    public init(store: any ObjectStore, clock: TableClock) {
        table = Table(store: store, root: Self.root, clock: clock)
    }

    /// Appends `records` in one commit, creating the table first when it does not exist.
    /// - Throws: `storage` when the table cannot be created or written.
    public func append(_ records: [PipelineStepRecord]) throws(PipelineError) {
        guard !records.isEmpty else { return }
        do {
            try createIfAbsent()
            try table.append([try Self.batch(records)])
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: Self.root, reason: "\(error)")
        }
    }

    /// Every record, ordered by run id, then position in the run. Empty when the table does not exist.
    public func readAll() throws(PipelineError) -> [PipelineStepRecord] {
        do {
            guard try exists() else { return [] }
            var records: [PipelineStepRecord] = []
            let scan = try table.scan()
            for file in scan.files {
                for batch in try scan.batches(of: file) {
                    records.append(contentsOf: try Self.records(batch))
                }
            }
            return records.sorted { ($0.runID, $0.sequence) < ($1.runID, $1.sequence) }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: Self.root, reason: "\(error)")
        }
    }

    private func exists() throws -> Bool {
        !(try table.store.list(prefix: Self.root + "/_delta_log/", after: nil)).isEmpty
    }

    private func createIfAbsent() throws {
        guard try !exists() else { return }
        do {
            try table.create(
                schema: Self.schema, name: "pipeline_runs", description: "one row per pipeline step per run"
            )
        } catch .tableExists {
            // Another writer created it between the check and the commit.
        }
    }

    static func batch(_ records: [PipelineStepRecord]) throws -> Batch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: records.count) }
        for record in records {
            let (kind, name) = record.kindAndName
            let values: [Value] = [
                .string(record.runID), .int(record.sequence), record.group.map { .string($0) } ?? .null,
                .string(record.stage.rawValue), .string(kind), .string(name),
                .string(record.status.rawValue),
                .int(record.rows), .float64(record.seconds), record.error.map { .string($0) } ?? .null,
                record.detail.map { .string($0) } ?? .null, .int(record.startedMillis * 1_000),
                .int(record.finishedMillis * 1_000),
            ]
            for (index, value) in values.enumerated() { try builders[index].append(value) }
        }
        return Batch(schema: schema, columns: builders.map { $0.build() })
    }

    static func records(_ batch: Batch) throws -> [PipelineStepRecord] {
        var columns: [Column] = []
        for field in schema.fields {
            guard let column = batch.column(named: field.name) else {
                throw PipelineError.storage(path: root, reason: "run table lacks column \(field.name)")
            }
            columns.append(column)
        }
        func text(_ column: Int, _ row: Int) -> String? {
            if case .string(let value) = columns[column].value(at: row) { return value }
            return nil
        }
        func integer(_ column: Int, _ row: Int) -> Int64 {
            if case .int(let value) = columns[column].value(at: row) { return value }
            return 0
        }
        var records: [PipelineStepRecord] = []
        for row in 0..<batch.rowCount {
            guard let stage = PipelineStage(rawValue: text(3, row) ?? ""),
                let step = PipelineStep(kind: text(4, row) ?? "", name: text(5, row) ?? "")
            else {
                throw PipelineError.storage(
                    path: root, reason: "row \(row) has an unknown stage or step kind")
            }
            var seconds = 0.0
            if case .float64(let value) = columns[8].value(at: row) { seconds = value }
            records.append(
                PipelineStepRecord(
                    runID: text(0, row) ?? "", sequence: integer(1, row), group: text(2, row), stage: stage,
                    step: step,
                    status: PipelineStepRecord.Status(rawValue: text(6, row) ?? "") ?? .failed,
                    rows: integer(7, row),
                    seconds: seconds, error: text(9, row), detail: text(10, row),
                    startedMillis: integer(11, row) / 1_000, finishedMillis: integer(12, row) / 1_000))
        }
        return records
    }
}
