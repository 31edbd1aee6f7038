import LakeCore

/// Which input snapshots each model has processed, persisted in `_lake/model_state.json`:
///
/// ```json
/// {"models": {"fact_crypto_market": {
///     "inputs": {"bronze.listings_latest": "bronze/listings_latest/listings_latest-20261123_060000.parquet"},
///     "run_id": "20261123_060000"},
///   "fact_crypto_kpi": {"inputs": {"silver.fact_crypto_market": 12}, "run_id": "20261123_060000"}}}
/// ```
///
/// A bronze input records the newest snapshot path processed (the snapshots after it are the pending ones);
/// a table input records the table version read. A model runs when at least one input has a snapshot newer
/// than the one recorded, or was never processed. After a successful run the caller records what it read
/// and saves; the file is replaced whole and atomically (`ObjectStore.put`), so a crash before saving re-runs
/// the model on the same inputs (at-least-once): idempotent for overwrite and merge, while the runner must make
/// appends idempotent itself (spec/pipeline.md#model-run-state).
///
/// Spec: spec/pipeline.md#model-run-state
public struct ModelRunState: Sendable, Hashable {
    public static let path = "_lake/model_state.json"

    public struct Entry: Sendable, Hashable {
        public var inputs: [ModelInput: InputSnapshot]
        /// The run that processed them.
        public var runID: String

        public init(inputs: [ModelInput: InputSnapshot], runID: String) {
            self.inputs = inputs
            self.runID = runID
        }
    }

    public var models: [String: Entry]

    public init(models: [String: Entry] = [:]) {
        self.models = models
    }

    /// The snapshot of `input` that `model` last processed.
    public func processed(model: String, input: ModelInput) -> InputSnapshot? { models[model]?.inputs[input] }

    /// The inputs of `model` whose `available` snapshot it has not processed, sorted. Inputs missing from
    /// `available` (nothing extracted or written yet) are not pending.
    public func pendingInputs(of model: ModelDefinition, available: [ModelInput: InputSnapshot]) -> [ModelInput] {
        model.inputs.filter { input in
            guard let snapshot = available[input] else { return false }
            guard let done = processed(model: model.name, input: input) else { return true }
            return snapshot.isNewer(than: done)
        }
    }

    /// Whether `model` has anything new to process.
    public func shouldRun(_ model: ModelDefinition, available: [ModelInput: InputSnapshot]) -> Bool {
        !pendingInputs(of: model, available: available).isEmpty
    }

    /// Records that `model` processed `snapshots` in run `runID`; inputs not mentioned keep their record.
    public mutating func recordRun(of model: String, processed snapshots: [ModelInput: InputSnapshot], runID: String) {
        var entry = models[model] ?? Entry(inputs: [:], runID: runID)
        entry.inputs.merge(snapshots) { _, new in new }
        entry.runID = runID
        models[model] = entry
    }

    /// The saved state, or an empty one when there is no state file yet.
    public static func load(from store: any ObjectStore) throws(PipelineError) -> ModelRunState {
        guard let object = try LakeStateFile.read(store, path) else { return ModelRunState() }
        var state = ModelRunState()
        guard case .object(let byModel)? = object["models"] else { return state }
        for (model, value) in byModel {
            guard let entry = value.objectValue, case .object(let inputs)? = entry["inputs"] else {
                throw .storage(path: path, reason: "model \(model) has no inputs object")
            }
            var snapshots: [ModelInput: InputSnapshot] = [:]
            for (name, snapshot) in inputs {
                guard let input = ModelInput(parsing: name) else {
                    throw .storage(path: path, reason: "model \(model): \(name) is not layer.name")
                }
                switch snapshot {
                case .string(let path): snapshots[input] = .bronze(path: path)
                case .number(let number):
                    guard let version = number.int64Value else {
                        throw .storage(path: self.path, reason: "model \(model): version of \(name) is not an integer")
                    }
                    snapshots[input] = .tableVersion(version)
                default:
                    throw .storage(path: path, reason: "model \(model): \(name) is \(snapshot.kindName)")
                }
            }
            state.models[model] = Entry(inputs: snapshots, runID: entry["run_id"]?.stringValue ?? "")
        }
        return state
    }

    public func save(to store: any ObjectStore) throws(PipelineError) {
        let members = models.keys.sorted().map { model -> (String, JSONValue) in
            let entry = models[model] ?? Entry(inputs: [:], runID: "")
            let inputs = entry.inputs.keys.sorted().map { input -> (String, JSONValue) in
                switch entry.inputs[input] {
                case .bronze(let path)?: (input.description, .string(path))
                case .tableVersion(let version)?: (input.description, .int64(version))
                case nil: (input.description, .null)
                }
            }
            return (model, .object(["inputs": .object(JSONObject(inputs)), "run_id": .string(entry.runID)]))
        }
        try LakeStateFile.write(store, Self.path, ["models": .object(JSONObject(members))])
    }
}
