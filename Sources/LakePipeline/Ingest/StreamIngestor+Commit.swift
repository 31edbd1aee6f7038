import LakeColumnar
import LakeCore
import LakeTable

extension StreamIngestor {
    /// What a run knows between batches: the table's schema (nil until the table exists), the next stream
    /// sequence number and the counts.
    struct RunState {
        var tableSchema: Schema?
        var nextSequence: Int64
        /// The `txn` version the table should hold for the app id before the next commit: what this run found or
        /// committed last. Anything else means another writer uses the same app id.
        var expectedTxnVersion: Int64?
        var progress: IngestProgress

        init(table: Table, options: StreamIngestOptions, resumable: Bool) throws(PipelineError) {
            let snapshot: Snapshot?
            do {
                snapshot = try table.snapshot()
            } catch .notATable {
                snapshot = nil
            } catch {
                throw .storage(path: table.root.isEmpty ? "table" : table.root, reason: "\(error)")
            }
            var schema: Schema?
            if let snapshot {
                do {
                    schema = try snapshot.schema.columnarSchema()
                } catch {
                    throw .storage(path: table.root.isEmpty ? "table" : table.root, reason: "\(error)")
                }
            }
            if let schema, let declared = options.schema {
                for field in declared.fields {
                    guard let index = schema.index(of: field.name) else {
                        throw .stepFailed(
                            step: StreamIngestor.step,
                            reason: "declared column '\(field.name)' is not a column of the existing table")
                    }
                    guard schema.fields[index].type == field.type else {
                        throw .stepFailed(
                            step: StreamIngestor.step,
                            reason: "declared column '\(field.name)' is \(field.type) but the table has it as "
                                + "\(schema.fields[index].type)")
                    }
                }
            }
            tableSchema = schema
            let committed = snapshot?.transactionVersion(appId: options.appId)
            nextSequence = (committed ?? 0) + 1
            expectedTxnVersion = committed
            progress = IngestProgress(resumedAfter: committed)
        }
    }

    /// Parses `batch`, records its rejected lines, creates the table when needed and appends the rows with the
    /// batch's `txn`; then empties `batch`.
    func commit(
        _ batch: inout IngestBatch, state: inout RunState, onEvent: (IngestEvent) -> Void
    ) throws(PipelineError) {
        defer { batch = IngestBatch(endOffset: batch.endOffset) }
        var rejected = batch.rejected
        var batches: [Batch] = []
        var inferred: (schema: Schema, excluded: Set<Int>, rejected: [RejectedLine])?
        if let schema = state.tableSchema {
            batches = try parse(batch, schema: schema, excluding: [], rejected: &rejected)
        } else if !batch.lines.isEmpty {
            let (schema, excluded) = try inferSchema(batch, rejected: &rejected)
            inferred = (schema, excluded, rejected)
            batches = try parse(batch, schema: schema, excluding: excluded, rejected: &rejected)
        }
        try failOnRejection(&rejected, onEvent: onEvent)
        if let inferred, batches.contains(where: { $0.rowCount > 0 }) {
            if try create(inferred.schema) {
                state.progress.createdTable = true
                onEvent(.createdTable(columns: inferred.schema.fields.map { "\($0.name):\($0.type)" }))
            }
            let schema = try currentSchema()
            state.tableSchema = schema
            if schema != inferred.schema {
                // The log's schema (or another writer's, if it created the table first) types the batch.
                rejected = inferred.rejected
                batches = try parse(batch, schema: schema, excluding: inferred.excluded, rejected: &rejected)
                try failOnRejection(&rejected, onEvent: onEvent)
            }
        }
        for line in rejected { onEvent(.rejected(line)) }
        if !rejected.isEmpty, let rejectedLines {
            do {
                try rejectedLines.record(
                    rejected, appId: options.appId, rejectedAtMillis: table.clock.nowMillis(),
                    isResumable: input.offsetsAreStable)
            } catch let error as PipelineError {
                throw error
            } catch {
                throw .storage(path: "rejected lines", reason: "\(error)")
            }
        }
        state.progress.linesRead += batch.lineCount
        state.progress.linesRejected += rejected.count
        // Without a table (no good line yet) there is nothing to append and nowhere to record the offset.
        guard state.tableSchema != nil else { return }
        let version = input.offsetsAreStable ? batch.endOffset : state.nextSequence
        let outcome: CommitOutcome
        do {
            let recorded = try table.snapshot().transactionVersion(appId: options.appId)
            guard recorded == state.expectedTxnVersion else {
                throw PipelineError.stepFailed(
                    step: Self.step,
                    reason: "another writer moved application id '\(options.appId)' to version "
                        + "\(recorded.map(String.init) ?? "none") while this ingest expected "
                        + "\(state.expectedTxnVersion.map(String.init) ?? "none"); run one ingest per application id")
            }
            outcome = try table.append(batches, txn: TransactionAction(appId: options.appId, version: version))
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: table.root.isEmpty ? "table" : table.root, reason: "\(error)")
        }
        state.nextSequence += 1
        state.expectedTxnVersion = version
        state.progress.committedTxnVersion = version
        switch outcome {
        case .committed(let tableVersion):
            state.progress.commits += 1
            state.progress.rowsAppended += batches.reduce(0) { $0 + $1.rowCount }
            state.progress.tableVersion = tableVersion
        case .alreadyApplied(let tableVersion):
            state.progress.batchesAlreadyApplied += 1
            state.progress.tableVersion = tableVersion
        }
        onEvent(.committed(state.progress))
    }

    /// Sorts `rejected` by line and, under `.fail`, reports the first and throws it.
    private func failOnRejection(
        _ rejected: inout [RejectedLine], onEvent: (IngestEvent) -> Void
    ) throws(PipelineError) {
        rejected.sort { $0.line < $1.line }
        guard options.onError == .fail, let first = rejected.first else { return }
        onEvent(.rejected(first))
        throw .stepFailed(step: Self.step, reason: first.message)
    }

    /// Creates the table; false when another writer created it first.
    private func create(_ schema: Schema) throws(PipelineError) -> Bool {
        do {
            try table.create(schema: schema)
            return true
        } catch .tableExists {
            return false
        } catch {
            throw .storage(path: table.root.isEmpty ? "table" : table.root, reason: "cannot create the table: \(error)")
        }
    }

    private func currentSchema() throws(PipelineError) -> Schema {
        do {
            return try table.snapshot().schema.columnarSchema()
        } catch {
            throw .storage(path: table.root.isEmpty ? "table" : table.root, reason: "\(error)")
        }
    }
}
