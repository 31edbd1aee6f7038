import LakeColumnar
import LakeCore
import LakeTable
import LakeWarehouse

/// The load stage: lake tables into the warehouse, then post-load SQL.
///
/// Spec: spec/pipeline.md#running-a-pipeline
extension PipelineRunner {
    /// Loads `name`'s source table into its warehouse target, exactly once per source version.
    func runLoad(named name: String, run: inout RunContext) throws(PipelineError) {
        let step = PipelineStep.load(name)
        let timer = StepTimer(clock: clock)
        guard let load = definition.loads.first(where: { $0.name == name }) else {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "unknown load", progress: progress
            )
            return
        }
        guard let warehouse else {
            try run.finish(
                step, timer: timer, clock: clock, status: .skipped, error: "no warehouse URL given",
                progress: progress)
            return
        }
        if run.failedOutputs.contains(load.source) {
            run.failedTables.insert(load.target)
            try run.finish(
                step, timer: timer, clock: clock, status: .skipped,
                error: "\(load.source) failed in this run",
                progress: progress)
            return
        }
        do {
            guard try latestVersion(of: load.source) != nil else {
                try run.finish(
                    step, timer: timer, clock: clock, status: .skipped,
                    error: "\(load.source) has not been written yet",
                    progress: progress)
                return
            }
            switch try self.load(load, into: warehouse) {
            case .alreadyLoaded(let version):
                try run.finish(
                    step, timer: timer, clock: clock, status: .unchanged,
                    detail: "\(load.source) version \(version) already loaded into \(load.target)",
                    progress: progress)
            case .loaded(let report):
                if report.alreadyLoaded {
                    try run.finish(
                        step, timer: timer, clock: clock, status: .unchanged,
                        detail:
                            "\(load.source) version \(report.source.version) already loaded into \(load.target)",
                        progress: progress)
                    return
                }
                let detail =
                    "\(load.source) version \(report.source.version) -> \(load.target): read \(report.rowsRead), "
                    + "rejected by foreign keys \(report.rowsRejected), skipped (key present) \(report.rowsSkipped)"
                // Nothing new reached the warehouse (every key present, or only rearranged files): unchanged.
                if report.rowsLoaded > 0 { run.loadedTables.insert(load.target) }
                try run.finish(
                    step, timer: timer, clock: clock, status: report.rowsLoaded > 0 ? .succeeded : .unchanged,
                    rows: Int64(report.rowsLoaded), detail: detail, progress: progress)
            }
        } catch {
            run.failedTables.insert(load.target)
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "\(error)", progress: progress)
        }
    }

    /// Loads the latest version of `load.source`: every row for `insert-missing`; for `append`, the rows of the
    /// data files appended since the version last loaded into the target (every row of the latest version the
    /// first time).
    func load(_ load: LoadDefinition, into warehouse: WarehouseURL) throws(PipelineError) -> LoadOutcome {
        let table = table(load.source)
        do {
            let snapshot = try table.snapshot()
            let source = LoadSource(identity: "delta:\(snapshot.metadata.id)", version: snapshot.version)
            let loader = WarehouseLoader(url: warehouse)
            var parts: [LoadPart] = []
            var schema = try snapshot.schema.columnarSchema()
            let last =
                load.mode == .append
                ? try loader.lastLoadedVersion(target: load.target, source: source.identity) : nil
            if let last {
                if last >= snapshot.version { return .alreadyLoaded(version: last) }
                let appended = try appendedFiles(table, after: last, through: snapshot.version)
                schema = appended.schema ?? schema
                parts = appended.parts
            } else {
                // insert-missing, or an append load that never ran: every row of the latest version.
                let scan = try TableScan(snapshot: snapshot, store: table.store, root: table.root)
                schema = scan.schema
                parts = snapshot.files.map { file in
                    LoadPart { emit in for batch in try scan.batches(of: file) { try emit(batch) } }
                }
            }
            var options = LoadOptions(mode: load.mode, keyColumns: load.keyColumns)
            options.foreignKeyFilters = load.foreignKeyFilters
            let report = try loader.load(
                LoadInput(schema: schema, parts: parts), into: load.target, from: source, options: options)
            return .loaded(report)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .stepFailed(step: "load \(load.name)", reason: "\(error)")
        }
    }

    /// What a load did: found the source version loaded already, or ran the loader.
    enum LoadOutcome {
        case alreadyLoaded(version: Int64)
        case loaded(LoadReport)
    }

    /// The files holding the rows appended to `table` in versions `(last, through]`, read as of the version that
    /// added them (a later OPTIMIZE may have replaced them). Versions that only rearrange data (OPTIMIZE) add no
    /// rows; a version that removed rows some other way (overwrite, merge, delete, restore) makes an append load
    /// impossible, since its new files repeat rows loaded before.
    func appendedFiles(
        _ table: Table, after last: Int64, through latest: Int64
    ) throws -> (schema: Schema?, parts: [LoadPart]) {
        let history = try table.history()
        var operations: [Int64: String] = [:]
        for entry in history { operations[entry.version] = entry.operation ?? "" }
        var parts: [LoadPart] = []
        var schema: Schema?
        let first = last + 1
        guard first <= latest else { return (nil, []) }
        var previous: Set<String> = []
        if first > 0 { previous = Set(try table.snapshot(version: first - 1).files.map(\.path)) }
        for version in first...latest {
            let snapshot = try table.snapshot(version: version)
            let current = Set(snapshot.files.map(\.path))
            defer { previous = current }
            let operation = operations[version] ?? ""
            if operation == "OPTIMIZE" || operation.hasPrefix("VACUUM") || operation == "CREATE TABLE" {
                continue
            }
            if let removed = previous.first(where: { !current.contains($0) }) {
                throw PipelineError.stepFailed(
                    step: "load",
                    reason:
                        "version \(version) (\(operation)) removed \(removed); an append load would repeat rows. "
                        + "Use mode insert-missing, or reload into an emptied target")
            }
            let added = snapshot.files.filter { !previous.contains($0.path) }
            guard !added.isEmpty else { continue }
            let scan = try TableScan(snapshot: snapshot, store: table.store, root: table.root)
            schema = scan.schema
            parts += added.map { file in
                LoadPart { emit in for batch in try scan.batches(of: file) { try emit(batch) } }
            }
        }
        return (schema, parts)
    }

    /// Runs a post-load step's PostgreSQL script when one of its `after` tables (any, when empty) was loaded in
    /// this run.
    func runPostLoad(named name: String, run: inout RunContext) throws(PipelineError) {
        let step = PipelineStep.postLoad(name)
        let timer = StepTimer(clock: clock)
        guard let postLoad = definition.postLoadSteps.first(where: { $0.name == name }) else {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "unknown step", progress: progress
            )
            return
        }
        guard let warehouse else {
            try run.finish(
                step, timer: timer, clock: clock, status: .skipped, error: "no warehouse URL given",
                progress: progress)
            return
        }
        let after = postLoad.after.map { TableName(parsing: $0) }
        let triggered =
            after.isEmpty ? !run.loadedTables.isEmpty : after.contains { run.loadedTables.contains($0) }
        guard triggered else {
            try run.finish(
                step, timer: timer, clock: clock, status: .unchanged,
                detail: "none of its tables received rows",
                progress: progress)
            return
        }
        do {
            let bytes = try pipelineFiles.read(postLoad.sqlFile)
            guard let sql = String(validating: bytes, as: UTF8.self) else {
                throw PipelineError.invalidDefinition(location: postLoad.sqlFile, reason: "not valid UTF-8")
            }
            let connection = try WarehouseConnection(warehouse)
            try connection.execute("BEGIN")
            do {
                try connection.executeScript(sql)
                try connection.execute("COMMIT")
            } catch {
                if connection.isAlive { _ = try? connection.execute("ROLLBACK") }
                throw error
            }
            try run.finish(
                step, timer: timer, clock: clock, status: .succeeded, detail: "ran \(postLoad.sqlFile)",
                progress: progress)
        } catch {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "\(error)", progress: progress)
        }
    }
}
