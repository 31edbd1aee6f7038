import LakeColumnar
import LakeCore
import LakeSQL
import LakeTable

extension LakeSession {
    /// `DESCRIBE t`: one row per column, in table order: `column_name`, `data_type` (its SQL name), `nullable`,
    /// `partition` (whether the table is partitioned by it). Works for Parquet folders too (no partitions).
    func describe(_ table: ResolvedTable) -> QueryResult {
        let fields = table.schema.fields
        let partitions = Set(table.partitionColumns)
        let schema = Schema([
            Field("column_name", .utf8, nullable: false), Field("data_type", .utf8, nullable: false),
            Field("nullable", .bool, nullable: false), Field("partition", .bool, nullable: false),
        ])
        let columns = [
            Column.utf8(fields.map(\.name)), Column.utf8(fields.map { $0.type.sqlName }),
            Column.bools(fields.map(\.isNullable)),
            Column.bools(fields.map { partitions.contains($0.name) }),
        ]
        return QueryResult(
            schema: schema, batches: fields.isEmpty ? [] : [Batch(schema: schema, columns: columns)])
    }

    /// `DESCRIBE HISTORY t [LIMIT n]`: the retained commits, newest first, with the columns `lake table history`
    /// prints: `version`, `timestamp` (the commit's `commitInfo.timestamp`, UTC), `operation`, `parameters` and
    /// `metrics` (compact JSON, keys in the order the commit recorded them), `engine`.
    func describeHistory(_ handle: TableHandle, limit: Int64?) throws(SessionError) -> QueryResult {
        if let limit, limit < 0 {
            throw .invalidArgument("DESCRIBE HISTORY ... LIMIT must not be negative")
        }
        let table = try deltaTable(handle, for: "DESCRIBE HISTORY")
        let entries = try tableCall(handle.identity) { () throws(TableLogError) in
            try table.history(limit: limit.map { Int(clamping: $0) })
        }
        let timestampType = DataType.timestamp(.microseconds, utc: true)
        let schema = Schema([
            Field("version", .int64, nullable: false), Field("timestamp", timestampType, nullable: false),
            Field("operation", .utf8, nullable: true), Field("parameters", .utf8, nullable: false),
            Field("metrics", .utf8, nullable: false), Field("engine", .utf8, nullable: true),
        ])
        var timestamps = ColumnBuilder(type: timestampType, capacity: entries.count)
        for entry in entries {
            let (micros, overflow) = entry.timestampMillis.multipliedReportingOverflow(by: 1_000)
            do { try timestamps.append(overflow ? .null : .int(micros)) } catch {
                timestamps.appendNull()
            }
        }
        let columns = [
            Column.int64(entries.map(\.version)), timestamps.build(),
            Column.utf8(entries.map(\.operation)),
            Column.utf8(entries.map { Self.jsonText($0.operationParameters) }),
            Column.utf8(entries.map { Self.jsonText($0.operationMetrics) }),
            Column.utf8(entries.map(\.engineInfo)),
        ]
        return QueryResult(
            schema: schema, batches: entries.isEmpty ? [] : [Batch(schema: schema, columns: columns)])
    }

    /// A JSON object as compact text, or `{}`.
    static func jsonText(_ object: JSONObject) -> String {
        (try? JSONWriter.serializedString(.object(object))) ?? "{}"
    }
}
