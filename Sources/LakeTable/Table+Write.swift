import LakeColumnar
import LakeCore

extension Table {
    /// Appends `batches` as new files in one commit (`WRITE`, mode `Append`, a blind append).
    ///
    /// With `txn`, the write is idempotent: when the table already records `txn.appId` at a version ≥
    /// `txn.version`, nothing is written and the outcome is `.alreadyApplied`.
    /// - Throws: see `prepareWrite` and `Transaction.commit`.
    @discardableResult
    public func append(_ batches: [Batch], txn: TransactionAction? = nil) throws(TableLogError) -> CommitOutcome {
        try prepareWrite(.append, batches, txn: txn).commit()
    }

    /// Replaces every live file with new files holding `batches`, in one commit (`WRITE`, mode `Overwrite`).
    /// Older versions keep their files and stay readable by time travel until VACUUM.
    /// - Throws: `appendOnlyViolation` on an append-only table; see `prepareWrite` and `Transaction.commit`.
    @discardableResult
    public func overwrite(_ batches: [Batch], txn: TransactionAction? = nil) throws(TableLogError) -> CommitOutcome {
        try prepareWrite(.overwrite, batches, txn: txn).commit()
    }

    /// Reads the latest snapshot, writes the data files of `batches` and returns the transaction that commits
    /// them. Callers that commit later race with other writers exactly as `append`/`overwrite` do.
    ///
    /// `txn.lastUpdated` is replaced by the clock's time.
    /// - Throws: `unsupportedFeature` when this writer cannot honour the table's protocol; `schemaMismatch`
    ///   when the batches do not fit the schema; `appendOnlyViolation`; `invalidArgument` for a bad
    ///   `delta.isolationLevel`; `dataFile` and `io` for write failures.
    public func prepareWrite(
        _ mode: WriteMode, _ batches: [Batch], txn: TransactionAction? = nil
    ) throws(TableLogError) -> Transaction {
        let snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema)
        let configuration = snapshot.metadata.configuration
        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let partitionBy = try Self.jsonText(.stringArray(snapshot.metadata.partitionColumns))
        let parameters: JSONObject = ["mode": .string(mode.rawValue), "partitionBy": .string(partitionBy)]
        if let txn, let recorded = snapshot.transactionVersion(appId: txn.appId), recorded >= txn.version {
            return Transaction(
                table: self, readVersion: snapshot.version, actions: [], operation: "WRITE",
                operationParameters: parameters, operationMetrics: [:], isBlindAppend: mode == .append,
                readsWholeTable: mode == .overwrite, removedPaths: [], transactionAction: txn,
                isolationLevel: isolationLevel, alreadyAppliedVersion: snapshot.version)
        }
        if mode == .overwrite && TableProperties.isAppendOnly(configuration) && !snapshot.files.isEmpty {
            throw .appendOnlyViolation(operation: "overwrite")
        }
        let writer = try DataFileWriter(store: store, root: root, clock: clock, snapshot: snapshot)
        let adds = try writer.write(batches)
        let now = clock.nowMillis()
        var actions: [Action] = []
        var removedPaths: Set<String> = []
        if mode == .overwrite {
            for file in snapshot.files {
                removedPaths.insert(file.path)
                actions.append(
                    .remove(
                        RemoveAction(
                            path: file.add.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true,
                            partitionValues: file.add.partitionValues, size: file.add.size,
                            deletionVector: file.add.deletionVector)))
            }
        }
        actions += adds.map(Action.add)
        let recordedTxn = txn.map { TransactionAction(appId: $0.appId, version: $0.version, lastUpdated: now) }
        if let recordedTxn { actions.append(.transaction(recordedTxn)) }
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        var metrics: JSONObject = [
            "numFiles": .string(String(adds.count)), "numOutputRows": .string(String(rows)),
            "numOutputBytes": .string(String(adds.reduce(0) { $0 + $1.size })),
        ]
        if mode == .overwrite { metrics["numRemovedFiles"] = .string(String(snapshot.files.count)) }
        return Transaction(
            table: self, readVersion: snapshot.version, actions: actions, operation: "WRITE",
            operationParameters: parameters, operationMetrics: metrics, isBlindAppend: mode == .append,
            readsWholeTable: mode == .overwrite, removedPaths: removedPaths, transactionAction: recordedTxn,
            isolationLevel: isolationLevel, alreadyAppliedVersion: nil)
    }
}
