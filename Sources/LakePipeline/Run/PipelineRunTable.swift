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
public typealias PipelineRunTable = RecordTable<PipelineStepRecord>

extension RecordTable where Record == PipelineStepRecord {
    /// The runner checkpoints the table when its version is a multiple of this.
    public static var checkpointIntervalCommits: Int64 { 100 }
}

extension PipelineStepRecord: StoredRecord {
    public static let tableRoot = "_lake/pipeline_runs"
    public static let tableName = "pipeline_runs"
    public static let tableDescription = "one row per pipeline step per run"

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

    public var rowValues: [Value] {
        let (kind, name) = kindAndName
        return [
            .string(runID), .int(sequence), group.map { .string($0) } ?? .null, .string(stage.rawValue),
            .string(kind), .string(name), .string(status.rawValue), .int(rows), .float64(seconds),
            error.map { .string($0) } ?? .null, detail.map { .string($0) } ?? .null, .int(startedMillis * 1_000),
            .int(finishedMillis * 1_000),
        ]
    }

    public init(row: Int, of columns: RecordColumns) throws(PipelineError) {
        guard let stage = PipelineStage(rawValue: columns.text(3, row) ?? ""),
            let step = PipelineStep(kind: columns.text(4, row) ?? "", name: columns.text(5, row) ?? "")
        else {
            throw .storage(path: Self.tableRoot, reason: "row \(row) has an unknown stage or step kind")
        }
        self.init(
            runID: columns.text(0, row) ?? "", sequence: columns.integer(1, row), group: columns.text(2, row),
            stage: stage, step: step, status: Status(rawValue: columns.text(6, row) ?? "") ?? .failed,
            rows: columns.integer(7, row), seconds: columns.double(8, row), error: columns.text(9, row),
            detail: columns.text(10, row), startedMillis: columns.integer(11, row) / 1_000,
            finishedMillis: columns.integer(12, row) / 1_000)
    }
}
