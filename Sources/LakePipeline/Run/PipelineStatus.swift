import LakeCore
import LakeTable

/// What `lake pipeline status` shows: the last runs, how fresh each table the pipeline writes is, and the
/// failures of the latest run.
///
/// Spec: spec/pipeline.md#run-metadata
public struct PipelineStatus: Sendable {
    /// One pipeline run, summarized from its step records.
    public struct RunSummary: Sendable, Hashable {
        public var runID: String
        public var group: String?
        public var stage: PipelineStage
        public var succeeded: Int
        public var unchanged: Int
        public var skipped: Int
        public var failed: Int
        public var startedMillis: Int64
        public var finishedMillis: Int64
    }

    /// A table a model or backup writes: its latest version and commit time, and the input snapshots its model
    /// last processed.
    public struct TableFreshness: Sendable, Hashable {
        public var table: ModelInput
        /// The model (or backup) writing it.
        public var writer: String
        /// Nil when the table has not been written yet.
        public var version: Int64?
        public var committedMillis: Int64?
        /// Input → newest snapshot processed (models only), sorted by input.
        public var processed: [(input: ModelInput, snapshot: InputSnapshot)]
        /// The run that last processed the inputs.
        public var lastRunID: String?

        public static func == (lhs: TableFreshness, rhs: TableFreshness) -> Bool {
            lhs.table == rhs.table && lhs.writer == rhs.writer && lhs.version == rhs.version
                && lhs.committedMillis == rhs.committedMillis && lhs.lastRunID == rhs.lastRunID
                && lhs.processed.map(\.input) == rhs.processed.map(\.input)
                && lhs.processed.map(\.snapshot) == rhs.processed.map(\.snapshot)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(table)
            hasher.combine(version)
        }
    }

    /// Newest first.
    public var runs: [RunSummary]
    public var tables: [TableFreshness]
    /// The failed steps of the newest run.
    public var failures: [PipelineStepRecord]

    /// Reads the run table, the model state and every output table's log under `store`.
    /// - Parameter runsMax: how many runs to summarize.
    /// - Throws: `storage` when the run table, the model state or a table's log cannot be read.
    public static func read(
        definition: PipelineDefinition, store: any ObjectStore, runsMax: Int = 10
    ) throws(PipelineError) -> PipelineStatus {
        let records = try PipelineRunTable(store: store, clock: .system).readAll()
        var byRun: [String: [PipelineStepRecord]] = [:]
        for record in records { byRun[record.runID, default: []].append(record) }
        let runIDs = byRun.keys.sorted(by: >)
        var runs: [RunSummary] = []
        for runID in runIDs.prefix(max(0, runsMax)) {
            let steps = byRun[runID] ?? []
            guard let first = steps.first else { continue }
            func count(_ status: PipelineStepRecord.Status) -> Int {
                steps.filter { $0.status == status }.count
            }
            runs.append(
                RunSummary(
                    runID: runID, group: first.group, stage: Self.stage(of: steps),
                    succeeded: count(.succeeded),
                    unchanged: count(.unchanged), skipped: count(.skipped), failed: count(.failed),
                    startedMillis: steps.map(\.startedMillis).min() ?? 0,
                    finishedMillis: steps.map(\.finishedMillis).max() ?? 0))
        }
        let failures = runIDs.first.map { (byRun[$0] ?? []).filter { $0.status == .failed } } ?? []

        let state = try ModelRunState.load(from: store)
        var writers: [(ModelInput, String)] = definition.models.map { ($0.output, $0.name) }
        writers += definition.backups.map { ($0.target, "backup \($0.name)") }
        var tables: [TableFreshness] = []
        for (output, writer) in writers {
            let table = Table(store: store, root: "\(output.layer.rawValue)/\(output.name)")
            var freshness = TableFreshness(
                table: output, writer: writer, version: nil, committedMillis: nil, processed: [],
                lastRunID: nil)
            do {
                if !(try store.list(prefix: table.root + "/_delta_log/", after: nil)).isEmpty,
                    let latest = try table.history(limit: 1).first
                {
                    freshness.version = latest.version
                    freshness.committedMillis = latest.timestampMillis
                }
            } catch {
                throw .storage(path: table.root, reason: "\(error)")
            }
            if let entry = state.models[writer] {
                freshness.processed = entry.inputs.keys.sorted().compactMap { input in
                    entry.inputs[input].map { (input, $0) }
                }
                freshness.lastRunID = entry.runID
            }
            tables.append(freshness)
        }
        return PipelineStatus(runs: runs, tables: tables, failures: failures)
    }

    /// The stage a run was asked for: `all` when its steps span stages, else the one stage.
    private static func stage(of steps: [PipelineStepRecord]) -> PipelineStage {
        let stages = Set(steps.map(\.stage))
        return stages.count == 1 ? (stages.first ?? .all) : .all
    }
}
