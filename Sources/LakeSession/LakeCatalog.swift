import LakeColumnar
import LakeCore
import LakeExec
import LakeParquet
import LakeSQL
import LakeTable

/// The binder's view of a lake root.
///
/// - `a.b` names the directory `<root>/a/b` (parts lower-cased; each part a plain directory name): a Delta table
///   when it holds `_delta_log/`, else a dataset of the `*.parquet` files under it. A session override for the
///   name wins over the directory.
/// - `'path'` names a table or Parquet folder by path, relative to the root or absolute; a relative path may not
///   leave the root.
/// - `read_parquet('glob')` reads the Parquet files matching a shell pattern (relative to the root or absolute).
/// - `VERSION AS OF n` and `TIMESTAMP AS OF 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]'` (UTC) apply to Delta tables only.
///
/// Handles carry the identity the scan reopens: the lower-cased dotted name, the absolute path, or the
/// `read_parquet` call with an absolute pattern.
///
/// Spec: spec/session.md (names and paths)
public struct LakeCatalog: Catalog {
    let session: LakeSession

    public func resolveTable(_ locator: TableLocator, at timeTravel: TimeTravel?) throws -> ResolvedTable? {
        let identity = try self.identity(of: locator)
        if let source = session.overrides[identity] {
            guard timeTravel == nil else {
                throw SessionError.invalidArgument("\(locator) is bound to fixed files; it has no versions")
            }
            return ResolvedTable(handle: TableHandle(identity: identity), schema: try schema(of: source))
        }
        if case .function = locator {
            let dataset = try parquetDataset(identity: identity)
            return ResolvedTable(handle: TableHandle(identity: identity), schema: dataset.schema)
        }
        let location = try self.location(of: locator)
        guard FileSystemPaths.isDirectory(location.path) else { return nil }
        if location.isDeltaTable {
            let snapshot = try self.snapshot(at: location, timeTravel: timeTravel, name: identity)
            let supported = snapshot.schema.fields.filter { $0.type.columnarType != nil }.map(\.name)
            let schema: Schema
            do {
                schema = try snapshot.schema.columnarSchema(projecting: supported)
            } catch {
                throw SessionError.table(identity, error)
            }
            return ResolvedTable(
                handle: TableHandle(identity: identity, version: snapshot.version), schema: schema,
                partitionColumns: snapshot.metadata.partitionColumns)
        }
        let files = try ParquetDataset.files(in: location)
        guard !files.isEmpty else { return nil }
        guard timeTravel == nil else {
            throw SessionError.invalidArgument("\(locator) is a folder of Parquet files; it has no versions")
        }
        let dataset = try ParquetDataset(store: location.store, files: files)
        return ResolvedTable(handle: TableHandle(identity: identity), schema: dataset.schema)
    }

    /// Dotted names of the tables and Parquet folders one and two levels under the root.
    public func tableNames() -> [String] {
        var names: [String] = []
        for first in FileSystemPaths.subdirectories(of: session.root) {
            let path = session.root + "/" + first
            if FileSystemPaths.isDirectory(path + "/_delta_log") {
                names.append(first)
                continue
            }
            for second in FileSystemPaths.subdirectories(of: path) { names.append(first + "." + second) }
        }
        return names + session.overrides.keys.sorted()
    }

    /// Where a name or path points (for a table function: its pattern's directory).
    /// - Throws: `invalidArgument` for a name part that is not a plain directory name or a path leaving the root.
    public func location(of locator: TableLocator) throws(SessionError) -> DatasetLocation {
        try location(ofIdentity: identity(of: locator))
    }

    /// Where the table a handle names lives.
    public func location(of handle: TableHandle) throws(SessionError) -> DatasetLocation {
        try location(ofIdentity: handle.identity)
    }

    /// The Delta table at `location`, stamped with the session's clock.
    public func table(at location: DatasetLocation) -> Table {
        Table(store: location.store, root: location.prefix, clock: session.clock)
    }

    /// A batch source reading `columns` of the table or dataset `handle` names, pruning files and row groups with
    /// `predicates`; with `filterRows` it also drops the rows that fail them (fixed inputs are never filtered).
    func makeSource(
        _ handle: TableHandle, columns: [String], predicates: [ParquetPredicate], filterRows: Bool = false
    ) throws(SessionError) -> any BatchSource {
        if let source = session.overrides[handle.identity] {
            switch source {
            case .batches(let schema, let batches):
                let indices = columns.compactMap { schema.index(of: $0) }
                let projected = Schema(indices.map { schema.fields[$0] })
                let projectedBatches = batches.map { batch in
                    indices.isEmpty
                        ? Batch(rowCount: batch.rowCount)
                        : Batch(schema: projected, columns: indices.map { batch.columns[$0] })
                }
                return InMemoryBatchSource(schema: projected, batches: projectedBatches)
            case .parquetFiles(let files):
                let dataset = try ParquetDataset(store: session.store, files: files)
                return ParquetFilesSource(
                    dataset: dataset, columns: columns, predicates: predicates, filterRows: filterRows)
            }
        }
        if handle.identity.hasPrefix("read_parquet(") {
            let dataset = try parquetDataset(identity: handle.identity)
            return ParquetFilesSource(dataset: dataset, columns: columns, predicates: predicates, filterRows: filterRows)
        }
        let location = try location(of: handle)
        if location.isDeltaTable {
            let table = table(at: location)
            do {
                let scan = try table.scan(
                    version: handle.version, columns: columns, predicates: predicates, filterRows: filterRows)
                return DeltaScanSource(scan: scan, name: handle.identity)
            } catch {
                throw .table(handle.identity, error)
            }
        }
        let dataset = try ParquetDataset(store: location.store, files: ParquetDataset.files(in: location))
        return ParquetFilesSource(dataset: dataset, columns: columns, predicates: predicates, filterRows: filterRows)
    }

    // MARK: - Identities

    private func identity(of locator: TableLocator) throws(SessionError) -> String {
        switch locator {
        case .name(let parts):
            let lowered = parts.map { $0.lowercased() }
            for part in lowered where part.isEmpty || part == "." || part == ".." || part.contains("/") {
                throw .invalidArgument("\"\(part)\" in \(locator) is not a table name part")
            }
            return lowered.joined(separator: ".")
        case .path(let path):
            return try absolutePath(path)
        case .function(let name, let arguments):
            guard name == "read_parquet" else {
                throw .unsupported("the table function \(name) (known: read_parquet)")
            }
            guard arguments.count == 1, let pattern = arguments.first else {
                throw .invalidArgument("read_parquet takes one file pattern")
            }
            return "read_parquet('\(try absolutePath(pattern))')"
        }
    }

    /// `path` made absolute against the root; a relative path that leaves the root is refused.
    private func absolutePath(_ path: String) throws(SessionError) -> String {
        if path.hasPrefix("/") { return FileSystemPaths.normalized(path) }
        let joined = FileSystemPaths.normalized(session.root + "/" + path)
        guard joined == session.root || joined.hasPrefix(session.root == "/" ? "/" : session.root + "/") else {
            throw .invalidArgument("the path '\(path)' leaves the lake root \(session.root)")
        }
        return joined
    }

    private func location(ofIdentity identity: String) throws(SessionError) -> DatasetLocation {
        if identity.hasPrefix("/") {
            return DatasetLocation(storeRoot: identity, prefix: "")
        }
        if identity.hasPrefix("read_parquet(") {
            throw .invalidArgument("\(identity) is a table function, not a table")
        }
        return DatasetLocation(storeRoot: session.root, prefix: identity.split(separator: ".").joined(separator: "/"))
    }

    private func parquetDataset(identity: String) throws(SessionError) -> ParquetDataset {
        let pattern = String(identity.dropFirst("read_parquet('".count).dropLast(2))
        let slash = pattern.firstIndex { $0 == "*" || $0 == "?" || $0 == "[" }
            .flatMap { wildcard in pattern[..<wildcard].lastIndex(of: "/") } ?? pattern.lastIndex(of: "/")
        let directory = slash.map { String(pattern[..<$0]) } ?? "/"
        let store = LocalObjectStore(root: directory.isEmpty ? "/" : directory)
        let relativePattern = slash.map { String(pattern[pattern.index(after: $0)...]) } ?? pattern
        let files: [String]
        do {
            files = try store.list(prefix: "", after: nil).map(\.path)
                .filter { FileSystemPaths.matches($0, pattern: relativePattern) }
        } catch {
            throw .file(path: directory, reason: "cannot list: \(error)")
        }
        guard !files.isEmpty else { throw .file(path: pattern, reason: "no file matches the pattern") }
        return try ParquetDataset(store: store, files: files)
    }

    private func schema(of source: DatasetSource) throws(SessionError) -> Schema {
        switch source {
        case .batches(let schema, _): return schema
        case .parquetFiles(let files): return try ParquetDataset(store: session.store, files: files).schema
        }
    }

    private func snapshot(at location: DatasetLocation, timeTravel: TimeTravel?, name: String) throws(SessionError)
        -> Snapshot
    {
        let table = table(at: location)
        do {
            switch timeTravel {
            case nil: return try table.snapshot()
            case .version(let version): return try table.snapshot(version: version)
            case .timestamp(let text):
                guard let micros = DateTimeText.parseTimestampMicroseconds(text) else {
                    throw SessionError.invalidArgument(
                        "TIMESTAMP AS OF '\(text)' is not a timestamp (YYYY-MM-DD[ HH:MM:SS[.ffffff]], UTC)")
                }
                return try table.snapshot(asOf: micros >= 0 ? micros / 1_000 : (micros - 999) / 1_000)
            }
        } catch let error as SessionError {
            throw error
        } catch let error as TableLogError {
            throw .table(name, error)
        } catch {
            throw .invalidArgument("\(error)")
        }
    }
}
