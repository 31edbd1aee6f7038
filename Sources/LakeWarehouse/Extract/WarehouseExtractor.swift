import LakeColumnar

/// Reads a PostgreSQL table into columnar batches with `COPY (SELECT ...) TO STDOUT (FORMAT binary)`, typed from
/// the table's catalog columns (`ExtractColumn`), optionally only the rows past a cursor.
///
/// One extraction is one `REPEATABLE READ READ ONLY` transaction, so the rows and the new cursor value come from
/// one snapshot. In it: `TimeZone` UTC, `DateStyle` ISO and `extra_float_digits` 3 (`SET LOCAL`), so text forms
/// (text-read columns, cursor values) do not depend on the server's or the role's settings.
///
/// SQL text holds identifiers only, each through `SQLIdentifier.quote`, and the cursor column's type as the
/// catalog prints it (`format_type`). The cursor value never enters SQL text: PostgreSQL accepts no parameters
/// in `COPY`, so it is bound as a parameter of `set_config('lake.extract_cursor', $1, true)` and the predicate
/// reads it back: `WHERE "col" > (SELECT CAST(current_setting('lake.extract_cursor') AS <type>))`.
///
/// The connection must not be inside a transaction; it is left outside one, whatever happens.
///
/// Spec: spec/warehouse.md §10 (extraction).
public struct WarehouseExtractor {
    /// Rows per batch handed to the receiver unless the caller says otherwise.
    public static let batchRowsDefault = 65_536
    /// Received bytes the decoder may hold before it must hand out batches, whatever the row count.
    public static let bufferedBytesMax = 64 << 20
    /// The transaction-local setting that carries the cursor value into the `COPY` statement.
    static let cursorSetting = "lake.extract_cursor"

    public let connection: WarehouseConnection
    /// Largest batch handed to the receiver.
    public let batchRowsMax: Int

    /// - Precondition: `batchRowsMax > 0`.
    public init(connection: WarehouseConnection, batchRowsMax: Int = WarehouseExtractor.batchRowsDefault) {
        precondition(batchRowsMax > 0, "a batch holds at least one row")
        self.connection = connection
        self.batchRowsMax = batchRowsMax
    }

    /// Every column of `table` in table order, as extraction would read it.
    /// - Throws: `invalidLoad` when the table does not exist; `invalidIdentifier` for a name that cannot be
    ///   quoted; `server`/`connection` when the catalog query fails.
    public func columns(of table: TableName) throws(WarehouseError) -> [ExtractColumn] {
        let quoted = try table.quoted()
        let result = try connection.execute(
            "SELECT a.attname, a.atttypid::bigint, a.atttypmod, format_type(a.atttypid, a.atttypmod), a.attnotnull "
                + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 "
                + "AND NOT a.attisdropped ORDER BY a.attnum", [quoted])
        if result.rows.isEmpty {
            let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [quoted])
            guard exists.scalar == "t" else { throw .invalidLoad("table \(table) does not exist") }
            return []
        }
        var columns: [ExtractColumn] = []
        for row in result.rows {
            guard row.count == 5, let name = row[0], let oid = row[1].flatMap({ UInt32($0) }),
                let modifier = row[2].flatMap({ Int32($0) }), let typeName = row[3], let notNull = row[4]
            else { throw .server(sqlState: nil, message: "unexpected catalog row for \(table)") }
            columns.append(
                ExtractColumn(
                    name: name, oid: oid, typeModifier: modifier, typeName: typeName, isNotNull: notNull == "t"))
        }
        return columns
    }

    /// Extracts the rows `request` asks for and hands them to `receive` in batches of at most `batchRowsMax`
    /// rows, while they arrive (memory stays bounded by a batch plus `bufferedBytesMax`).
    ///
    /// `receive` is called at least once: with one empty batch of the extraction's schema when no row matches.
    /// When `receive` throws, the COPY is cancelled, the transaction rolled back and the error rethrown.
    /// - Throws: `invalidLoad` for a missing table or a column requested twice; `missingColumn` for an unknown
    ///   column or cursor column; `malformedCopyData` for values that do not fit their lake type (NaN in a
    ///   numeric(p,s) column, ±infinity dates and timestamps); `server`/`connection` from PostgreSQL.
    /// - Complexity: one pass over the rows; two catalog queries, plus one `max()` query when incremental.
    @discardableResult
    public func extract(_ request: ExtractionRequest, _ receive: (Batch) throws(WarehouseError) -> Void)
        throws(WarehouseError) -> ExtractionSummary
    {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let summary = try extractInTransaction(request, receive)
            try connection.execute("COMMIT")
            return summary
        } catch {
            if connection.isAlive { _ = try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    private func extractInTransaction(_ request: ExtractionRequest, _ receive: (Batch) throws(WarehouseError) -> Void)
        throws(WarehouseError) -> ExtractionSummary
    {
        try connection.execute("SET LOCAL TimeZone = 'UTC'")
        try connection.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        try connection.execute("SET LOCAL extra_float_digits = 3")
        let all = try columns(of: request.table)
        let selected = try selectedColumns(request, from: all)
        let table = try request.table.quoted()
        var filter = ""
        var cursorValue: String?
        if let cursor = request.cursor {
            guard let column = all.first(where: { $0.field.name == cursor.column }) else {
                throw .missingColumn(table: request.table.description, column: cursor.column)
            }
            let quotedColumn = try SQLIdentifier.quote(column.field.name)
            if let after = cursor.after {
                try connection.execute("SELECT set_config($1, $2, true)", [Self.cursorSetting, after])
                // A scalar subquery: evaluated once (not per row), and usable as an index bound.
                filter =
                    " WHERE \(quotedColumn) > (SELECT CAST(current_setting('\(Self.cursorSetting)') AS "
                    + "\(column.postgresTypeName)))"
            }
            cursorValue = try connection.execute("SELECT CAST(max(\(quotedColumn)) AS text) FROM \(table)\(filter)")
                .scalar
        }
        var selectList: [String] = []
        for column in selected { selectList.append(try column.selectExpression()) }
        let statement =
            "COPY (SELECT \(selectList.joined(separator: ", ")) FROM \(table)\(filter)) TO STDOUT (FORMAT binary)"
        let schema = Schema(selected.map(\.field))
        var decoder = try BinaryCopyDecoder(schema: schema)
        var rowCount = 0
        var chunksPending = 0
        let batchRowsMax = batchRowsMax
        func drain() throws(WarehouseError) {
            while let batch = try decoder.nextBatch(rowsMax: batchRowsMax) {
                rowCount += batch.rowCount
                try receive(batch)
            }
            chunksPending = 0
        }
        // libpq hands over one message per row, so chunks count rows closely enough to size batches.
        try connection.copyOut(statement) { (chunk: UnsafeRawBufferPointer) throws(WarehouseError) in
            decoder.append(chunk)
            chunksPending += 1
            if chunksPending >= batchRowsMax || decoder.bufferedByteCount >= Self.bufferedBytesMax { try drain() }
        }
        try drain()
        guard decoder.isFinished else {
            throw .malformedCopyData("the COPY stream ended without its trailer")
        }
        if rowCount == 0 { try receive(try decoder.finish()) }
        return ExtractionSummary(
            schema: schema, columns: selected, rowCount: rowCount, cursorValue: rowCount == 0 ? nil : cursorValue,
            statement: statement)
    }

    /// The requested columns in request order (all when the request names none).
    private func selectedColumns(_ request: ExtractionRequest, from all: [ExtractColumn]) throws(WarehouseError)
        -> [ExtractColumn]
    {
        guard let names = request.columns else { return all }
        var seen: Set<String> = []
        var selected: [ExtractColumn] = []
        for name in names {
            guard seen.insert(name).inserted else {
                throw .invalidLoad("column \(name) of \(request.table) is requested twice")
            }
            guard let column = all.first(where: { $0.field.name == name }) else {
                throw .missingColumn(table: request.table.description, column: name)
            }
            selected.append(column)
        }
        return selected
    }
}
