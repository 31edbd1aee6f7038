/// Applies migrations in version order, each in its own transaction together with its row in
/// `lake_migrations (version, name, checksum, applied_at)`, so a failing migration leaves neither its changes
/// nor its row behind.
///
/// Concurrent runners are serialized by a lock on `lake_migrations` taken inside each transaction, and each
/// migration is re-checked under that lock, so two runners never apply one migration twice.
///
/// Spec: spec/warehouse.md §3.2.
public struct MigrationRunner {
    public static let tableName = TableName("lake_migrations")
    public let connection: WarehouseConnection

    public init(connection: WarehouseConnection) {
        self.connection = connection
    }

    /// What happened to one migration.
    public enum Outcome: Sendable, Equatable {
        case applied
        case alreadyApplied
    }

    /// Applies every migration not yet recorded; returns each migration's outcome in version order.
    /// - Throws: `migration` when an applied migration's checksum differs from its file, or with the server's
    ///   error when a migration fails (that migration is rolled back; earlier ones stay applied).
    @discardableResult
    public func apply(_ migrations: [Migration]) throws(WarehouseError) -> [(Migration, Outcome)] {
        let table = try Self.tableName.quoted()
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS \(table) (version bigint PRIMARY KEY, name text NOT NULL, "
                + "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        var outcomes: [(Migration, Outcome)] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let fileName = "\(migration.version)_\(migration.name).sql"
            try connection.execute("BEGIN")
            do throws(WarehouseError) {
                try connection.execute("LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE")
                let recorded = try connection.execute(
                    "SELECT checksum FROM \(table) WHERE version = $1", [String(migration.version)])
                if let checksum = recorded.scalar {
                    try connection.execute("COMMIT")
                    guard checksum == migration.checksum else {
                        throw WarehouseError.migration(
                            file: fileName,
                            reason: "applied with checksum \(checksum), but the file now has \(migration.checksum)")
                    }
                    outcomes.append((migration, .alreadyApplied))
                    continue
                }
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO \(table) (version, name, checksum) VALUES ($1, $2, $3)",
                    [String(migration.version), migration.name, migration.checksum])
                try connection.execute("COMMIT")
                outcomes.append((migration, .applied))
            } catch {
                if connection.isAlive { _ = try? connection.execute("ROLLBACK") }
                switch error {
                case .server(let state, let message):
                    throw .migration(file: fileName, reason: "\(state.map { "\($0): " } ?? "")\(message)")
                default: throw error
                }
            }
        }
        return outcomes
    }
}
