import ArgumentParser
import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeWarehouse
import Synchronization

/// `lake load TABLE --to URL`: a Delta table's snapshot into a PostgreSQL table, exactly once per version.
///
/// The table is a directory, or a root-relative name (`silver.fact_crypto_market` is `ROOT/silver/fact_crypto_market`).
/// Without `--version`, the latest version is loaded; in append mode, when an earlier version of the same table
/// was loaded into the target, only the data files added since then are read (a table rewritten since then, by
/// OPTIMIZE or DELETE, is refused: its new files repeat rows already loaded). `--version N` loads all of version
/// N's rows. Progress goes to stderr, the summary to stdout.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Load a Delta table into PostgreSQL with binary COPY, exactly once per version.")

    @Argument(help: "The table directory, or a name like silver.fact_crypto_market under --root.") var table: String
    @Option(help: "The warehouse URL (default: $LAKE_WAREHOUSE_URL).") var to: String?
    @Option(help: "append (facts, evolving maps) or insert-missing (stable dimensions).") var mode: String = "append"
    @Option(help: "The table version to load (default: the latest).") var version: Int64?
    @Option(help: "The lake root for table names.") var root: String = "."
    @Option(help: "The PostgreSQL table (default: the table's directory name).") var target: String?
    @Option(help: "Key columns for insert-missing, comma-separated (default: the target's primary key).") var key:
        String?
    @Option(
        help: ArgumentHelp(
            "Keep only rows whose COLUMN is in TABLE.REFERENCED (repeatable); the others are counted as rejected.",
            valueName: "COLUMN=TABLE.REFERENCED"))
    var requireKey: [String] = []
    @Option(help: "Connections that COPY in parallel, one data file at a time each.") var connections: Int = 1
    @Flag(help: "Load even if this version was loaded before.") var reload = false

    func run() throws {
        guard let loadMode = LoadMode(rawValue: mode) else {
            throw ValidationError("--mode must be append or insert-missing")
        }
        guard connections >= 1 && connections <= 64 else { throw ValidationError("--connections must be in 1...64") }
        let url = try WarehouseTarget.url(to)
        let directory = Self.resolve(table, root: root)
        let delta = Table(store: LocalObjectStore(root: directory), root: "")
        let snapshot = try delta.snapshot(version: version)
        let targetName = TableName(parsing: target ?? URL(fileURLWithPath: directory).lastPathComponent)
        let source = LoadSource(identity: "delta:\(snapshot.metadata.id)", version: snapshot.version)
        let loader = WarehouseLoader(url: url)

        var files = snapshot.files
        var note = ""
        if version == nil, loadMode == .append, !reload,
            let last = try loader.lastLoadedVersion(target: targetName, source: source.identity),
            last < snapshot.version
        {
            let earlier = try delta.snapshot(version: last)
            let current = Set(snapshot.files.map(\.path))
            if let removed = earlier.files.first(where: { !current.contains($0.path) }) {
                throw ValidationError(
                    "version \(last) was loaded into \(targetName), and \(removed.path) has been removed since "
                        + "(OPTIMIZE, DELETE or overwrite): its rows would load twice. Load a full version with "
                        + "--version N into an emptied target instead.")
            }
            let loaded = Set(earlier.files.map(\.path))
            files = snapshot.files.filter { !loaded.contains($0.path) }
            note = " (\(files.count) file(s) added since version \(last))"
        }
        let scan = try TableScan(snapshot: snapshot, store: delta.store, root: delta.root)
        let parts = files.map { file in
            LoadPart { emit in for batch in try scan.batches(of: file) { try emit(batch) } }
        }
        var options = LoadOptions(mode: loadMode, reload: reload, connections: connections)
        options.keyColumns = key.map { $0.split(separator: ",").map(String.init) }
        options.foreignKeyFilters = try requireKey.map(Self.parseForeignKey)

        ProgressLine.writeError(
            "loading \(table) version \(snapshot.version)\(note) into \(targetName) at \(url)\n")
        let progressLine = Mutex(ProgressLine())
        let report = try loader.load(
            LoadInput(schema: scan.schema, parts: parts), into: targetName, from: source, options: options
        ) { progress in
            progressLine.withLock {
                $0.update(
                    "\(WarehouseTarget.grouped(progress.rowsRead)) rows, \(progress.bytesSent >> 20) MiB sent, "
                        + "\(progress.partsDone)/\(progress.partsTotal) files")
            }
        }
        progressLine.withLock { $0.finish("done") }
        if report.alreadyLoaded {
            print("version \(snapshot.version) of \(table) was already loaded into \(targetName): nothing to do")
            return
        }
        let rate = WarehouseTarget.grouped(Int(report.rowsPerSecond.rounded()))
        print(
            "loaded \(table) version \(snapshot.version) into \(targetName): rows read "
                + "\(WarehouseTarget.grouped(report.rowsRead)), loaded \(WarehouseTarget.grouped(report.rowsLoaded)), "
                + "rejected by FK \(WarehouseTarget.grouped(report.rowsRejected)), skipped (key present) "
                + "\(WarehouseTarget.grouped(report.rowsSkipped)), \(String(format: "%.2f", report.seconds)) s, "
                + "\(rate) rows/s")
    }

    /// A directory as given, else a root-relative dotted name.
    static func resolve(_ table: String, root: String) -> String {
        var isDirectory: ObjCBool = false
        if table.contains("/")
            || (FileManager.default.fileExists(atPath: table, isDirectory: &isDirectory) && isDirectory.boolValue)
        {
            return table
        }
        return root + "/" + table.split(separator: ".").joined(separator: "/")
    }

    static func parseForeignKey(_ text: String) throws -> ForeignKey {
        let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard sides.count == 2, let dot = sides[1].lastIndex(of: ".") else {
            throw ValidationError("--require-key takes COLUMN=TABLE.REFERENCED, got \(text)")
        }
        let table = TableName(parsing: String(sides[1][..<dot]))
        return ForeignKey(columns: [sides[0]], references: table, [String(sides[1][sides[1].index(after: dot)...])])
    }
}
