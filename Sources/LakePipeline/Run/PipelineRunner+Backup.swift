import LakeColumnar
import LakeCore
import LakeTable
import LakeWarehouse

/// Gold backups: a warehouse table copied back into the lake as a new version of a `gold.` table.
///
/// Spec: spec/pipeline.md#running-a-pipeline
extension PipelineRunner {
    /// A backup reads the whole warehouse table into memory; larger tables are refused.
    public static let backupBytesMax = 1 << 30

    func runBackup(named name: String, run: inout RunContext) throws(PipelineError) {
        let step = PipelineStep.backup(name)
        let timer = StepTimer(clock: clock)
        guard let backup = definition.backups.first(where: { $0.name == name }) else {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "unknown backup",
                progress: progress)
            return
        }
        guard let warehouse else {
            try run.finish(
                step, timer: timer, clock: clock, status: .skipped, error: "no warehouse URL given",
                progress: progress)
            return
        }
        let unqualified = TableName(backup.source.name)
        if run.failedTables.contains(backup.source)
            || (backup.source.schema == "public" && run.failedTables.contains(unqualified))
        {
            try run.finish(
                step, timer: timer, clock: clock, status: .skipped,
                error: "the load of \(backup.source) failed in this run", progress: progress)
            return
        }
        do {
            let batch = try Self.readWarehouseTable(backup.source, from: warehouse)
            let table = try createIfAbsent(
                backup.target, schema: batch.schema, partitionColumns: [],
                description: "backup of warehouse table \(backup.source)")
            let outcome = try table.overwrite(batch.rowCount > 0 ? [batch] : [])
            try run.finish(
                step, timer: timer, clock: clock, status: .succeeded, rows: Int64(batch.rowCount),
                detail: "warehouse \(backup.source) -> \(backup.target) version \(outcome.version)",
                progress: progress)
        } catch {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "\(error)", progress: progress)
        }
    }

    /// Every row of a warehouse table, read with `COPY (SELECT ...) TO STDOUT (FORMAT binary)`.
    ///
    /// Column types map back to the lake's: integers, floats, numeric with a precision up to 38 (decimal), text,
    /// bytea, date, time, timestamp and timestamptz keep their type; any other type (unconstrained numeric, json,
    /// uuid, arrays, ...) is read as its text form (`::text`).
    /// - Throws: `stepFailed` when the table does not exist or is larger than `backupBytesMax`; warehouse errors.
    static func readWarehouseTable(_ name: TableName, from url: WarehouseURL) throws -> Batch {
        let connection = try WarehouseConnection(url)
        let quoted = try name.quoted()
        let columns = try connection.execute(
            "SELECT a.attname, a.atttypid::bigint, a.atttypmod FROM pg_catalog.pg_attribute a "
                + "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            [quoted])
        guard !columns.rows.isEmpty else {
            throw PipelineError.stepFailed(
                step: "backup", reason: "warehouse table \(name) does not exist")
        }
        var fields: [Field] = []
        var selections: [String] = []
        for row in columns.rows {
            guard row.count == 3, let column = row[0], let oid = row[1].flatMap({ UInt32($0) }),
                let modifier = row[2].flatMap({ Int32($0) })
            else {
                throw PipelineError.stepFailed(step: "backup", reason: "unexpected catalog row for \(name)")
            }
            let quotedColumn = try SQLIdentifier.quote(column)
            if let type = lakeType(PostgresType(oid: oid, typeModifier: modifier)) {
                fields.append(Field(column, type, nullable: true))
                selections.append(quotedColumn)
            } else {
                fields.append(Field(column, .utf8, nullable: true))
                selections.append("\(quotedColumn)::text AS \(quotedColumn)")
            }
        }
        var decoder = try BinaryCopyDecoder(schema: Schema(fields))
        var received = 0
        try connection.copyOut(
            "COPY (SELECT \(selections.joined(separator: ", ")) FROM \(quoted)) TO STDOUT (FORMAT binary)"
        ) { (chunk: UnsafeRawBufferPointer) throws(WarehouseError) in
            received += chunk.count
            guard received <= backupBytesMax else {
                throw WarehouseError.source(
                    "warehouse table \(name) is larger than \(backupBytesMax) bytes")
            }
            decoder.append(chunk)
        }
        return try decoder.finish()
    }

    /// The lake type a PostgreSQL column type reads back as exactly; nil when it is read as text.
    static func lakeType(_ type: PostgresType?) -> DataType? {
        switch type {
        case .boolean?: .bool
        case .smallint?: .int16
        case .integer?: .int32
        case .bigint?: .int64
        case .real?: .float32
        case .doublePrecision?: .float64
        case .numeric(let precision?, let scale)?
        where precision <= 38 && scale >= 0 && scale <= precision:
            .decimal(precision: precision, scale: scale)
        case .text?, .varchar?: .utf8
        case .bytea?: .binary
        case .date?: .date32
        case .time?: .time(.microseconds)
        case .timestamp?: .timestamp(.microseconds, utc: false)
        case .timestamptz?: .timestamp(.microseconds, utc: true)
        default: nil
        }
    }
}
