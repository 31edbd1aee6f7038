import LakeColumnar
import LakeCore
import LakeTable

/// The run-record table `_lake/extract_runs`: a Delta table with one row per endpoint per run, appended as each
/// endpoint finishes so a crash mid-run keeps the records of the endpoints before it.
///
/// Spec: spec/pipeline.md#run-records
public typealias RunRecordTable = RecordTable<RunRecord>

extension RunRecord: StoredRecord {
    public static let tableRoot = "_lake/extract_runs"
    public static let tableName = "extract_runs"
    public static let tableDescription = "one row per endpoint per run"

    public static let schema = Schema([
        Field("run_id", .utf8, nullable: false),
        Field("sequence", .int64, nullable: false),
        Field("endpoint", .utf8, nullable: false),
        Field("source", .utf8, nullable: false),
        Field("params", .utf8, nullable: false),
        Field("requests", .int64, nullable: false),
        Field("rows", .int64, nullable: false),
        Field("credits", .int64, nullable: false),
        Field("status", .utf8, nullable: false),
        Field("error", .utf8, nullable: true),
        Field("bronze_path", .utf8, nullable: true),
        Field("started_at", .timestamp(.microseconds, utc: true), nullable: false),
        Field("finished_at", .timestamp(.microseconds, utc: true), nullable: false),
    ])

    public var rowValues: [Value] {
        [
            .string(runID), .int(sequence), .string(endpoint), .string(source), .string(parameters),
            .int(requests), .int(rows), .int(credits), .string(status.rawValue), error.map { .string($0) } ?? .null,
            bronzePath.map { .string($0) } ?? .null, .int(startedMillis * 1_000), .int(finishedMillis * 1_000),
        ]
    }

    public init(row: Int, of columns: RecordColumns) {
        self.init(
            runID: columns.text(0, row) ?? "", sequence: columns.integer(1, row), endpoint: columns.text(2, row) ?? "",
            source: columns.text(3, row) ?? "", parameters: columns.text(4, row) ?? "",
            requests: columns.integer(5, row), rows: columns.integer(6, row), credits: columns.integer(7, row),
            status: Status(rawValue: columns.text(8, row) ?? "") ?? .failed, error: columns.text(9, row),
            bronzePath: columns.text(10, row), startedMillis: columns.integer(11, row) / 1_000,
            finishedMillis: columns.integer(12, row) / 1_000)
    }
}
