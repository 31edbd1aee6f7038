import LakeColumnar
import LakeCore
import LakeHTTP
import LakeTable
import LakeWarehouse

/// Runs a pipeline definition over a lake root: extract → transform → load (loads, post-load SQL, gold backups)
/// → maintain, for one frequency group (or all) and one stage (or all).
///
/// - **extract**: the planned endpoints through `ExtractionRunner`, then the planned CSV and PostgreSQL sources
///   of the pipeline file through `CSVSnapshotRunner` and `PostgresExtractionRunner` (bronze snapshots,
///   `_lake/extract_runs`); each is recorded as an extract step, and a failing one does not stop the run.
/// - **transform**: each planned model, in dependency order, runs only when one of its inputs has a snapshot it
///   has not processed (`ModelRunState`). Bronze inputs stand for the pending snapshots (append and merge models)
///   or every snapshot (overwrite models); the result is written by the model's `ModelWriteMode`. Appends carry a
///   Delta `txn` (`model:<name>`, a version derived from the snapshots read), so a crash between the commit and
///   the state save never appends twice. The run state is saved only after the write commits.
/// - **load**: each planned load through `WarehouseLoader` (exactly once per source version; append loads send
///   only the rows appended since the version last loaded), then post-load SQL whose `after` tables were loaded,
///   then gold backups (a warehouse table read with binary COPY into a new version of a `gold.` table).
/// - **maintain**: checkpoint, optimize (optionally Z-ordered) and vacuum steps of the plan.
///
/// Every planned step gets a `PipelineStepRecord` in `_lake/pipeline_runs`, appended as its stage finishes. A failing
/// step is recorded and the run goes on; the steps that depend on its output are recorded as `skipped`. Only
/// failing to write the run metadata itself stops the run (`storage`).
///
/// Spec: spec/pipeline.md#running-a-pipeline
public struct PipelineRunner: Sendable {
    public let definition: PipelineDefinition
    /// The lake root directory (absolute).
    public let root: String
    public let store: LocalObjectStore
    /// The folder of the pipeline file: model and post-load SQL paths are relative to it.
    public let pipelineFiles: any ObjectStore
    public let transport: any HTTPTransport
    public let sources: [APISource]
    /// Where API keys are looked up.
    public let environment: [String: String]
    /// The warehouse; nil skips the load stage's steps (recorded as `skipped`).
    public let warehouse: WarehouseURL?
    public let engine: any ModelQueryEngine
    public let clock: TableClock
    /// Called with one line per step as it starts and finishes (the CLI prints them on stderr).
    public var progress: @Sendable (String) -> Void

    public init(
        definition: PipelineDefinition, root: String, pipelineFiles: any ObjectStore,
        transport: any HTTPTransport,
        sources: [APISource], environment: [String: String] = [:], warehouse: WarehouseURL?,
        engine: (any ModelQueryEngine)? = nil, clock: TableClock = .system,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.definition = definition
        self.root = root
        store = LocalObjectStore(root: root)
        self.pipelineFiles = pipelineFiles
        self.transport = transport
        self.sources = sources
        self.environment = environment
        self.warehouse = warehouse
        self.engine = engine ?? SessionModelEngine(root: root)
        self.clock = clock
        self.progress = progress
    }

    /// Runs the plan of `group` (nil: every group) and `stage`.
    /// - Returns: a record per planned step; check `failures`.
    /// - Throws: `invalidDefinition` for an unknown group; `storage` when the run metadata (`_lake/`) cannot be
    ///   read or written. Step failures are not thrown: they are in the report.
    public func run(group: String?, stage: PipelineStage) throws(PipelineError) -> PipelineRunReport {
        let plan = try PipelinePlan(definition: definition, group: group, stage: stage)
        let startedMillis = clock.nowMillis()
        let table = PipelineRunTable(store: store, clock: clock)
        var run = RunContext(
            report: PipelineRunReport(
                runID: try Self.uniqueRunID(BronzeLayout.timestampText(millis: startedMillis), in: table),
                group: group, stage: stage),
            table: table)
        progress(
            "pipeline \(definition.name) run \(run.report.runID): \(group.map { "group \($0)" } ?? "all groups"), "
                + "stage \(stage.rawValue), \(plan.steps.count) step(s)")

        let extracted = plan.steps.compactMap { step -> String? in
            if case .extract(let endpoint) = step { return endpoint }
            return nil
        }
        let apiNames = Set(definition.endpoints.map(\.name))
        let endpoints = extracted.filter { apiNames.contains($0) }
        if !endpoints.isEmpty { try extract(endpoints, startedMillis: startedMillis, run: &run) }
        let sourceNames = extracted.filter { !apiNames.contains($0) }
        if !sourceNames.isEmpty { try extractSources(sourceNames, run: &run) }

        var modelState = try ModelRunState.load(from: store)
        for step in plan.steps {
            switch step {
            case .extract: continue
            case .runModel(let name): try runModel(named: name, state: &modelState, run: &run)
            case .load(let name): try runLoad(named: name, run: &run)
            case .postLoad(let name): try runPostLoad(named: name, run: &run)
            case .backup(let name): try runBackup(named: name, run: &run)
            case .maintain(let name): try runMaintenance(named: name, run: &run)
            }
        }
        try run.flush()
        let report = run.report
        progress(
            "pipeline run \(report.runID) finished: \(report.count(.succeeded)) succeeded, "
                + "\(report.count(.unchanged)) unchanged, \(report.count(.skipped)) skipped, "
                + "\(report.count(.failed)) failed")
        return report
    }

    /// `stamp`, or `stamp_2`, `stamp_3`, ... when runs started in the same second are recorded already.
    static func uniqueRunID(_ stamp: String, in table: PipelineRunTable) throws(PipelineError) -> String {
        let taken = Set(try table.readAll().map(\.runID).filter { $0.hasPrefix(stamp) })
        guard taken.contains(stamp) else { return stamp }
        var suffix = 2
        while taken.contains("\(stamp)_\(suffix)") { suffix += 1 }
        return "\(stamp)_\(suffix)"
    }

    /// Extracts `endpoints` and records one step per endpoint from the extraction report.
    private func extract(_ endpoints: [String], startedMillis: Int64, run: inout RunContext) throws(PipelineError) {
        let extraction = ExtractionRunner(
            store: store, transport: transport, sources: sources, endpoints: definition.endpoints,
            environment: environment, clock: clock)
        progress("extract: \(endpoints.joined(separator: ", "))")
        do {
            let report = try extraction.run(only: endpoints)
            for record in report.records {
                try run.finish(
                    .extract(endpoint: record.endpoint), status: Self.stepStatus(of: record.status),
                    rows: record.rows, error: record.error,
                    detail: record.bronzePath ?? "\(record.requests) request(s), no snapshot",
                    startedMillis: record.startedMillis, finishedMillis: record.finishedMillis,
                    progress: progress)
            }
        } catch {
            if case .storage = error { throw error }
            // The whole extraction was refused (credit budget) or misconfigured: every endpoint fails with it.
            let now = clock.nowMillis()
            for endpoint in endpoints {
                try run.finish(
                    .extract(endpoint: endpoint), status: .failed, rows: 0, error: "\(error)", detail: nil,
                    startedMillis: startedMillis, finishedMillis: now, progress: progress)
            }
        }
    }

    /// The step status of an extraction's run-record status (an endpoint's or a source's): `skipped` (nothing
    /// new) is `unchanged`, `refused` is `failed`.
    static func stepStatus(of status: RunRecord.Status) -> PipelineStepRecord.Status {
        switch status {
        case .succeeded: .succeeded
        case .failed, .refused: .failed
        case .skipped: .unchanged
        }
    }

    /// The Delta table of a lake table input (`silver.x` is `<root>/silver/x`).
    func table(_ input: ModelInput) -> Table {
        Table(store: store, root: "\(input.layer.rawValue)/\(input.name)", clock: clock)
    }

    /// The table of `input`, created first when it has no commit: `schema` with every column nullable (later
    /// results may hold nulls where the first had none), partitioned by `partitionColumns`.
    func createIfAbsent(
        _ input: ModelInput, schema: Schema, partitionColumns: [String], description: String
    ) throws(PipelineError) -> Table {
        let table = table(input)
        guard try latestVersion(of: input) == nil else { return table }
        let nullable = Schema(schema.fields.map { Field($0.name, $0.type, nullable: true) })
        do {
            try table.create(
                schema: nullable, partitionColumns: partitionColumns, name: input.name,
                description: description)
        } catch {
            // A concurrent writer may have created it since the check; anything else is a failure.
            guard case .tableExists = error else {
                throw .stepFailed(step: "create \(input)", reason: "\(error)")
            }
        }
        return table
    }

    /// The newest version of a lake table whose commit changed its data (not OPTIMIZE, VACUUM or a commit
    /// without data actions), or nil when it has no commit yet.
    func latestDataVersion(of input: ModelInput) throws(PipelineError) -> Int64? {
        guard let latest = try latestVersion(of: input) else { return nil }
        let rearranging: Set<String> = ["OPTIMIZE", "VACUUM START", "VACUUM END"]
        do {
            // History is newest first; a few maintenance commits at most sit above the last data commit.
            for entry in try table(input).history(limit: 64) where !rearranging.contains(entry.operation ?? "") {
                return entry.version
            }
        } catch {
            throw .storage(path: table(input).root, reason: "\(error)")
        }
        return latest
    }

    /// The latest version of a lake table, or nil when it has no commit yet.
    func latestVersion(of input: ModelInput) throws(PipelineError) -> Int64? {
        let table = table(input)
        do {
            guard !(try store.list(prefix: table.root + "/_delta_log/", after: nil)).isEmpty else {
                return nil
            }
        } catch {
            throw .storage(path: table.root, reason: "\(error)")
        }
        do {
            return try table.snapshot().version
        } catch {
            throw .storage(path: table.root, reason: "\(error)")
        }
    }
}
