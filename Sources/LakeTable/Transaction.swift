import LakeCore

/// A prepared write: its data files are written, its actions built; `commit()` publishes them as the next
/// version.
///
/// Committing follows spec/table-log.md §10.1: `putIfAbsent` of `_delta_log/<r+1>.json`; on losing the race,
/// every commit after the read version is checked by `ConflictChecker` and, when all are compatible, the commit
/// is retried after the newest one, at most `TableLimits.commitAttemptsMax` attempts in all. Data files stay
/// orphans when the commit fails; a commit is either wholly visible or absent.
///
/// Spec: spec/table-log.md §10.
public struct Transaction: Sendable {
    let table: Table
    /// The version the transaction read; nil for `create` (it commits version 0).
    public let readVersion: Int64?
    /// The actions to commit after `commitInfo`, in order.
    public let actions: [Action]
    /// `commitInfo.operation`, e.g. `WRITE`.
    public let operation: String
    let operationParameters: JSONObject
    let operationMetrics: JSONObject
    /// True when the transaction only adds files and read nothing (§10.2).
    public let isBlindAppend: Bool
    /// True when the transaction's outcome depends on every live file (overwrite of the whole table).
    let readsWholeTable: Bool
    /// Decoded paths of the files the transaction removes.
    let removedPaths: Set<String>
    let transactionAction: TransactionAction?
    let isolationLevel: String
    /// Set when the `txn` of the write was already recorded at this version: `commit()` does nothing.
    let alreadyAppliedVersion: Int64?

    /// Publishes the transaction.
    /// - Returns: `.committed(version:)`, or `.alreadyApplied(version:)` when the write's `txn` was applied
    ///   before (found when preparing, or in a winning commit).
    /// - Throws: `commitConflict` when a concurrent commit is incompatible (§10.3) or every attempt lost;
    ///   `tableExists` when a `create` finds commit 0 taken; `io` for storage failures.
    public func commit() throws(TableLogError) -> CommitOutcome {
        if let alreadyAppliedVersion { return .alreadyApplied(version: alreadyAppliedVersion) }
        let logPrefix = TableLocation.logPrefix(table.root)
        let txnId = UUIDText.random()
        var readVersion = self.readVersion
        var attempted: Int64 = 0
        for _ in 0..<TableLimits.commitAttemptsMax {
            attempted = (readVersion ?? -1) + 1
            let bytes = try CommitFile.encode(
                [.commitInfo(commitInfo(readVersion: readVersion, txnId: txnId))] + actions)
            let path = logPrefix + LogFileName.commitName(attempted)
            do {
                try table.store.putIfAbsent(path, bytes)
                return .committed(version: attempted)
            } catch ObjectStoreError.alreadyExists {
                if self.readVersion == nil { throw .tableExists(table.root) }
            } catch let error as ObjectStoreError {
                throw .io(error)
            } catch {
                throw .io(.io(path: path, operation: "putIfAbsent", code: 0, message: "\(error)"))
            }
            let latest = try LogSegment.build(store: table.store, root: table.root).latestVersion
            for winner in attempted...max(attempted, latest) {
                let winnerPath = logPrefix + LogFileName.commitName(winner)
                let winnerBytes = try TableLocation.storeCall { try table.store.read(winnerPath) }
                let winnerActions = try CommitFile.actions(in: winnerBytes, path: winnerPath)
                let resolution = try ConflictChecker.check(
                    self, against: winnerActions, winnerVersion: winner, attempted: attempted)
                if resolution == .alreadyApplied { return .alreadyApplied(version: winner) }
            }
            readVersion = max(attempted, latest)
        }
        throw .commitConflict(.retriesExhausted, attempted: attempted, winner: attempted, operation: nil)
    }

    /// The `commitInfo` of one attempt (§3.6 field order).
    private func commitInfo(readVersion: Int64?, txnId: String) -> CommitInfo {
        var json: JSONObject = [
            "timestamp": .int64(table.clock.nowMillis()), "operation": .string(operation),
            "operationParameters": .object(operationParameters),
        ]
        if let readVersion { json["readVersion"] = .int64(readVersion) }
        json["isolationLevel"] = .string(isolationLevel)
        json["isBlindAppend"] = .bool(isBlindAppend)
        json["operationMetrics"] = .object(operationMetrics)
        json["engineInfo"] = .string(Self.engineInfo)
        json["txnId"] = .string(txnId)
        return CommitInfo(json: json)
    }

    /// `commitInfo.engineInfo` of our commits.
    public static let engineInfo = "lake/0.1"
}
