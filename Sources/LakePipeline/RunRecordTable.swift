import LakeColumnar
import LakeCore
import LakeTable

/// The run-record table `_lake/extract_runs`: a Delta table with one row per endpoint per run, appended as each
/// endpoint finishes so a crash mid-run keeps the records of the endpoints before it.
///
/// Spec: spec/pipeline.md#run-records
public struct RunRecordTable: Sendable {
    public static let root = "_lake/extract_runs"

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

    public let table: Table

    public init(store: any ObjectStore, clock: TableClock) {
        table = Table(store: store, root: Self.root, clock: clock)
    }

    /// Appends `records` in one commit, creating the table first when it does not exist.
    public func append(_ records: [RunRecord]) throws(PipelineError) {
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

    /// Every record, ordered by run id, then position in the run.
    public func readAll() throws(PipelineError) -> [RunRecord] {
        do {
            guard try exists() else { return [] }
            var records: [RunRecord] = []
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
            try table.create(schema: Self.schema, name: "extract_runs", description: "one row per endpoint per run")
        } catch .tableExists {
            // Another writer created it between the check and the commit.
        }
    }

    static func batch(_ records: [RunRecord]) throws -> Batch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: records.count) }
        for record in records {
            let values: [Value] = [
                .string(record.runID), .int(record.sequence), .string(record.endpoint), .string(record.source),
                .string(record.parameters),
                .int(record.requests), .int(record.rows), .int(record.credits), .string(record.status.rawValue),
                record.error.map { .string($0) } ?? .null, record.bronzePath.map { .string($0) } ?? .null,
                .int(record.startedMillis * 1_000), .int(record.finishedMillis * 1_000),
            ]
            for (index, value) in values.enumerated() { try builders[index].append(value) }
        }
        return Batch(schema: schema, columns: builders.map { $0.build() })
    }

    static func records(_ batch: Batch) throws -> [RunRecord] {
        func column(_ name: String) throws -> Column {
            guard let column = batch.column(named: name) else {
                throw PipelineError.storage(path: root, reason: "run-record table lacks column \(name)")
            }
            return column
        }
        let columns = try schema.fields.map { try column($0.name) }
        func text(_ column: Int, _ row: Int) -> String? {
            if case .string(let value) = columns[column].value(at: row) { return value }
            return nil
        }
        func integer(_ column: Int, _ row: Int) -> Int64 {
            if case .int(let value) = columns[column].value(at: row) { return value }
            return 0
        }
        return (0..<batch.rowCount).map { row in
            RunRecord(
                runID: text(0, row) ?? "", sequence: integer(1, row), endpoint: text(2, row) ?? "",
                source: text(3, row) ?? "", parameters: text(4, row) ?? "", requests: integer(5, row),
                rows: integer(6, row), credits: integer(7, row),
                status: RunRecord.Status(rawValue: text(8, row) ?? "") ?? .failed, error: text(9, row),
                bronzePath: text(10, row), startedMillis: integer(11, row) / 1_000,
                finishedMillis: integer(12, row) / 1_000)
        }
    }
}
