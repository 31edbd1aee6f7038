import ArgumentParser
import LakeCore
import LakeWarehouse

struct WarehouseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse", abstract: "Manage the PostgreSQL warehouse schema.",
        subcommands: [WarehouseMigrateCommand.self])
}

struct WarehouseMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the NNNN_name.sql files of a folder in order, each once, each in its own transaction.")

    @Option(help: "The warehouse URL (default: $LAKE_WAREHOUSE_URL).") var to: String?
    @Option(help: "The folder holding the migration files.") var dir: String

    func run() throws {
        let url = try WarehouseTarget.url(to)
        let migrations = try Migration.load(from: LocalObjectStore(root: dir))
        let runner = MigrationRunner(connection: try WarehouseConnection(url))
        let outcomes = try runner.apply(migrations)
        for (migration, outcome) in outcomes {
            let label =
                String(repeating: "0", count: max(0, 4 - String(migration.version).count))
                + "\(migration.version)_\(migration.name)"
            print("\(outcome == .applied ? "applied" : "already applied"): \(label)")
        }
        let applied = outcomes.filter { $0.1 == .applied }.count
        print("\(applied) migration(s) applied, \(outcomes.count - applied) already applied, to \(url)")
    }
}
