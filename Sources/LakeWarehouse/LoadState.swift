/// The exactly-once ledger `lake_load_state`: one row per (target table, source identity, source version)
/// loaded, written in the same transaction as the rows themselves, so a load is recorded if and only if its
/// rows are committed.
///
/// Spec: spec/warehouse.md §5 (state table).
public enum LoadState {
    public static let tableName = TableName("lake_load_state")

    static func ensureTable(_ connection: WarehouseConnection) throws(WarehouseError) {
        do {
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS \(try tableName.quoted()) (target_table text NOT NULL, "
                    + "source_id text NOT NULL, source_version bigint NOT NULL, mode text NOT NULL, "
                    + "rows_read bigint NOT NULL, rows_loaded bigint NOT NULL, rows_rejected bigint NOT NULL, "
                    + "load_count integer NOT NULL DEFAULT 1, loaded_at timestamptz NOT NULL DEFAULT now(), "
                    + "PRIMARY KEY (target_table, source_id, source_version))")
        } catch .server(let state, _) where state == "23505" || state == "42P07" {
            // Another client created it between our existence check and our insert into the catalog.
        }
    }

    /// Serializes loads into one target across clients, until the transaction ends.
    static func lock(_ target: TableName, _ connection: WarehouseConnection) throws(WarehouseError) {
        try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ["lake_load:\(target)"])
    }

    static func isRecorded(_ target: TableName, _ source: LoadSource, _ connection: WarehouseConnection)
        throws(WarehouseError) -> Bool
    {
        let result = try connection.execute(
            "SELECT 1 FROM \(try tableName.quoted()) WHERE target_table = $1 AND source_id = $2 "
                + "AND source_version = $3", [target.description, source.identity, String(source.version)])
        return !result.rows.isEmpty
    }

    static func record(_ report: LoadReport, mode: LoadMode, _ connection: WarehouseConnection) throws(WarehouseError) {
        let table = try tableName.quoted()
        try connection.execute(
            "INSERT INTO \(table) AS s (target_table, source_id, source_version, mode, rows_read, rows_loaded, "
                + "rows_rejected) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (target_table, source_id, "
                + "source_version) DO UPDATE SET mode = EXCLUDED.mode, rows_read = EXCLUDED.rows_read, "
                + "rows_loaded = EXCLUDED.rows_loaded, rows_rejected = EXCLUDED.rows_rejected, "
                + "load_count = s.load_count + 1, loaded_at = now()",
            [
                report.target.description, report.source.identity, String(report.source.version), mode.rawValue,
                String(report.rowsRead), String(report.rowsLoaded), String(report.rowsRejected),
            ])
    }

    /// The highest source version of `identity` recorded for `target`, or nil (also when the table is missing).
    public static func lastLoadedVersion(
        target: TableName, source identity: String, connection: WarehouseConnection
    ) throws(WarehouseError) -> Int64? {
        let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [try tableName.quoted()])
        guard exists.scalar == "t" else { return nil }
        let result = try connection.execute(
            "SELECT max(source_version) FROM \(try tableName.quoted()) WHERE target_table = $1 AND source_id = $2",
            [target.description, identity])
        return result.scalar.flatMap { Int64($0) }
    }
}
