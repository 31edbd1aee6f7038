import LakeColumnar
import LakeCore
import LakeTable

/// The transform stage: one model at a time, decided by its run state, written by its write mode.
///
/// Spec: spec/pipeline.md#running-a-pipeline
extension PipelineRunner {
    /// Runs model `name` when it has unprocessed input snapshots, writes its result and records what it read.
    /// - Throws: `storage` only when the model state or the run table cannot be written.
    func runModel(named name: String, state: inout ModelRunState, run: inout RunContext) throws(PipelineError) {
        let step = PipelineStep.runModel(name)
        let timer = StepTimer(clock: clock)
        guard let model = definition.model(named: name) else {
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "unknown model",
                progress: progress)
            return
        }
        if let failed = model.inputs.first(where: { run.failedOutputs.contains($0) }) {
            run.failedOutputs.insert(model.output)
            try run.finish(
                step, timer: timer, clock: clock, status: .skipped,
                error: "input \(failed) failed in this run",
                progress: progress)
            return
        }
        do throws(PipelineError) {
            let available = try availableSnapshots(of: model)
            if let missing = model.inputs.first(where: { available[$0] == nil }),
                state.shouldRun(model, available: available)
            {
                // Something is new, but another input has never been extracted or written (a group whose
                // upstream group has not run yet): the query cannot run, and nothing is wrong either.
                try run.finish(
                    step, timer: timer, clock: clock, status: .skipped,
                    error: "input \(missing) has no \(missing.layer == .bronze ? "snapshot" : "table") yet",
                    progress: progress)
                return
            }
            guard state.shouldRun(model, available: available) else {
                try run.finish(
                    step, timer: timer, clock: clock, status: .unchanged,
                    detail: "no unprocessed input snapshot",
                    progress: progress)
                return
            }
            let binding = try bind(model, state: state, available: available)
            if let appended = binding.alreadyAppended {
                // A crash after the append's commit and before the state save, followed by new snapshots: the
                // ones the table's txn covers are not appended again.
                state.recordRun(of: name, processed: binding.read, runID: run.report.runID)
                try state.save(to: store)
                try run.finish(
                    step, timer: timer, clock: clock, status: .succeeded,
                    detail: "\(model.output): pending snapshots already appended (txn version \(appended))",
                    progress: progress)
                return
            }
            let sql = try modelSQL(model)
            let result: ModelQueryResult
            do {
                result = try engine.run(sql, bronzeSnapshots: binding.bronzeFiles)
            } catch {
                throw PipelineError.stepFailed(step: "model \(name)", reason: "\(error)")
            }
            let version = Self.transactionVersion(of: model, read: binding.read, state: state)
            let written = try write(result, of: model, transactionVersion: version)
            state.recordRun(of: name, processed: binding.read, runID: run.report.runID)
            try state.save(to: store)
            let files = binding.bronzeFiles.values.reduce(0) { $0 + $1.count }
            let source = files > 0 ? " from \(files) bronze snapshot(s)" : ""
            try run.finish(
                step, timer: timer, clock: clock, status: .succeeded, rows: written.rows,
                detail: "\(model.output) \(written.detail)\(source)", progress: progress)
        } catch {
            if case .storage(let path, _) = error, path == ModelRunState.path { throw error }
            run.failedOutputs.insert(model.output)
            try run.finish(
                step, timer: timer, clock: clock, status: .failed, error: "\(error)", progress: progress)
        }
    }

    /// The newest snapshot of each input that has one: a bronze file, or a table's newest version that changed
    /// its data (an OPTIMIZE or VACUUM after it gives a model nothing new to read).
    func availableSnapshots(of model: ModelDefinition) throws(PipelineError) -> [ModelInput: InputSnapshot] {
        var available: [ModelInput: InputSnapshot] = [:]
        for input in model.inputs {
            switch input.layer {
            case .bronze:
                available[input] = try BronzeSnapshots.latest(endpoint: input.name, store: store)
            case .silver, .gold:
                if let version = try latestDataVersion(of: input) { available[input] = .tableVersion(version) }
            }
        }
        return available
    }

    /// What a model run reads: the bronze files each bronze input stands for, and the snapshot of every input to
    /// record once the write commits.
    struct ModelBinding {
        var bronzeFiles: [ModelInput: [String]] = [:]
        var read: [ModelInput: InputSnapshot] = [:]
        /// Set (to the table's txn version) when every pending snapshot was appended already.
        var alreadyAppended: Int64?
    }

    /// Bronze inputs of append and merge models stand for their pending snapshots, those of overwrite models for
    /// every snapshot (an overwrite must see all the data); table inputs are read at their latest version.
    func bind(
        _ model: ModelDefinition, state: ModelRunState, available: [ModelInput: InputSnapshot]
    ) throws(PipelineError) -> ModelBinding {
        var binding = ModelBinding()
        for input in model.inputs {
            switch input.layer {
            case .bronze:
                let processed =
                    model.writeMode == .overwrite ? nil : state.processed(model: model.name, input: input)
                let files = try BronzeSnapshots.pending(
                    endpoint: input.name, after: processed, store: store)
                if let newest = files.last { binding.read[input] = .bronze(path: newest) }
                binding.bronzeFiles[input] = files
                // An append reading one bronze input records the newest snapshot it appended as its txn version,
                // so snapshots up to that one are left out even when the model state missed the commit.
                if model.writeMode == .append, model.inputs.count == 1, !files.isEmpty,
                    let appended = try appendedTransactionVersion(of: model)
                {
                    let fresh = files.filter { Self.snapshotNumber($0) > appended }
                    binding.bronzeFiles[input] = fresh
                    if fresh.isEmpty { binding.alreadyAppended = appended }
                }
            case .silver, .gold:
                if let snapshot = available[input] { binding.read[input] = snapshot }
            }
        }
        return binding
    }

    /// The `txn` version the model's output table records for the model's appends, or nil.
    func appendedTransactionVersion(of model: ModelDefinition) throws(PipelineError) -> Int64? {
        guard try latestVersion(of: model.output) != nil else { return nil }
        do {
            return try table(model.output).snapshot().transactionVersion(appId: "model:\(model.name)")
        } catch {
            throw .storage(path: "\(model.output)", reason: "\(error)")
        }
    }

    /// The model's SQL text, read from the pipeline folder.
    func modelSQL(_ model: ModelDefinition) throws(PipelineError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try pipelineFiles.read(model.sqlFile)
        } catch {
            throw .invalidDefinition(
                location: model.sqlFile, reason: "cannot read the model's SQL: \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidDefinition(location: model.sqlFile, reason: "not valid UTF-8")
        }
        return text
    }

    /// The `txn` version of an append: the sum, over the model's inputs, of the newest snapshot read (a bronze
    /// snapshot's `yyyyMMddHHmmss` as a number, a table version), falling back to the one processed before.
    /// It grows whenever a run reads something new, and a re-run on the same snapshots (after a crash between
    /// the commit and the state save) computes the same version, which the table then skips.
    static func transactionVersion(
        of model: ModelDefinition, read: [ModelInput: InputSnapshot], state: ModelRunState
    ) -> Int64 {
        var total: Int64 = 0
        for input in model.inputs {
            switch read[input] ?? state.processed(model: model.name, input: input) {
            case .bronze(let path)?: total &+= snapshotNumber(path)
            case .tableVersion(let version)?: total &+= version
            case nil: break
            }
        }
        return total
    }

    /// `20261120120000` for `bronze/x/x-20261120_120000.parquet`; 0 for a name without the timestamp.
    static func snapshotNumber(_ path: String) -> Int64 {
        guard path.hasSuffix(".parquet") else { return 0 }
        let stem = path.dropLast(".parquet".count)
        let stamp = stem.suffix(15)
        guard stamp.count == 15 else { return 0 }
        return Int64(stamp.filter { $0 != "_" }) ?? 0
    }

    /// Writes a model result to its output table (created on first write, every column nullable, partitioned as
    /// the model says) by the model's write mode.
    func write(
        _ result: ModelQueryResult, of model: ModelDefinition, transactionVersion: Int64
    ) throws(PipelineError) -> (rows: Int64, detail: String) {
        let batches = result.batches.filter { $0.rowCount > 0 }
        let rows = Int64(batches.reduce(0) { $0 + $1.rowCount })
        do {
            let table = try createIfAbsent(
                model.output, schema: result.schema, partitionColumns: model.partitionColumns,
                description: "written by pipeline model \(model.name)")
            switch model.writeMode {
            case .append:
                guard !batches.isEmpty else { return (0, "unchanged (no rows to append)") }
                let txn = TransactionAction(appId: "model:\(model.name)", version: transactionVersion)
                switch try table.append(batches, txn: txn) {
                case .committed(let version):
                    return (rows, "version \(version) (append)")
                case .alreadyApplied(let version):
                    return (0, "already appended at version \(version) (txn \(txn.appId) \(txn.version))")
                }
            case .overwrite:
                let outcome = try table.overwrite(batches)
                return (rows, "version \(outcome.version) (overwrite)")
            case .merge(let keys):
                guard let outcome = try table.merge(batches, on: keys, mode: .upsert) else {
                    return (0, "unchanged (merge changed nothing)")
                }
                return (rows, "version \(outcome.version) (merge on \(keys.joined(separator: ", ")))")
            }
        } catch {
            throw .stepFailed(step: "model \(model.name)", reason: "writing \(model.output): \(error)")
        }
    }
}
