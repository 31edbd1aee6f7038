import LakeColumnar
import LakeCore
import LakeParquet

/// A prepared write: its data files are written, its actions built; `commit()` publishes them as the next
/// version.
///
/// Committing follows spec/table-log.md §10.1: `putIfAbsent` of `_delta_log/<r+1>.json`; on losing the race,
/// every commit after the read version is checked by `ConflictChecker` and, when all are compatible, the commit
/// is retried after the newest one, at most `TableLimits.commitAttemptsMax` attempts in all. A put that fails with
/// an I/O error may have taken effect: the commit is read back and recognised as ours by its `commitInfo.txnId`
/// (one random id per `commit()` call), so it is never retried into a duplicate (§10.1 step 6). Data files stay
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
    /// The read predicate of a transaction that read part of the table (§10.2): a conjunction over partition and
    /// data columns, evaluated against a winner's adds as in §5.3. nil when the transaction read no predicate
    /// (blind appends, OPTIMIZE) or the whole table (`readsWholeTable`). An empty array matches every file.
    var readPredicate: [ParquetPredicate]? = nil
    /// The table's columnar schema at the read version; types `readPredicate` against partition values and
    /// statistics.
    var readSchema: Schema? = nil
    /// Decoded paths of the files the transaction read to decide what to write (§10.3 check 4).
    var readPaths: Set<String> = []
    /// True when the transaction commits a `metaData` action (schema evolution): blind appends are then not
    /// excused by `WriteSerializable`.
    var changesMetadata: Bool = false
    /// The domains whose `domainMetadata` the transaction writes (§10.3 check 7).
    var writtenDomains: Set<String> {
        Set(
            actions.compactMap { action in
                if case .domainMetadata(let domain) = action { return domain.domain }
                return nil
            })
    }

    /// Publishes the transaction.
    /// - Returns: `.committed(version:)`, or `.alreadyApplied(version:)` when the write's `txn` was applied
    ///   before (found when preparing, or in a winning commit).
    /// - Throws: `commitConflict` when a concurrent commit is incompatible (§10.3) or every attempt lost;
    ///   `tableExists` when a `create` finds commit 0 taken; `io` for storage failures, including a put that failed
    ///   twice without taking effect (the first failure is reported).
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
            switch try publish(bytes, at: path, txnId: txnId) {
            case .ours:
                table.checkpointIfDue(afterCommitting: attempted)  // never fails the commit (§8.5)
                return .committed(version: attempted)
            case .taken:
                if self.readVersion == nil { throw .tableExists(table.root) }
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

    /// Who holds a commit version after a `putIfAbsent` attempt.
    private enum Publication {
        /// Our bytes are the commit.
        case ours
        /// Another writer's commit holds the version.
        case taken
    }

    /// `putIfAbsent(path, bytes)`, resolving ambiguous failures (§10.1 step 6).
    ///
    /// An error other than `alreadyExists` may come after the store performed the put (a timeout, a lost reply),
    /// so the commit is read back: when it exists, its `commitInfo.txnId` tells whether it is ours (success, not
    /// retried into a duplicate) or another writer's (a lost race). When it does not exist, the put is retried
    /// once and its outcome resolved the same way; a second failure surfaces the first error.
    private func publish(_ bytes: [UInt8], at path: String, txnId: String) throws(TableLogError) -> Publication {
        var firstError: ObjectStoreError?
        for _ in 0..<2 {
            do {
                try table.store.putIfAbsent(path, bytes)
                return .ours
            } catch ObjectStoreError.alreadyExists {
                if firstError == nil { return .taken }
            } catch let error as ObjectStoreError {
                if let firstError { throw .io(firstError) }
                firstError = error
            } catch {
                let wrapped = ObjectStoreError.io(path: path, operation: "putIfAbsent", code: 0, message: "\(error)")
                if let firstError { throw .io(firstError) }
                firstError = wrapped
            }
            let existing: [UInt8]
            do {
                existing = try table.store.read(path)
            } catch ObjectStoreError.notFound {
                continue
            } catch {
                throw .io(firstError ?? .io(path: path, operation: "read", code: 0, message: "\(error)"))
            }
            return try Self.commitId(in: existing, path: path) == txnId ? .ours : .taken
        }
        throw .io(firstError ?? .io(path: path, operation: "putIfAbsent", code: 0, message: "failed twice"))
    }

    /// `commitInfo.txnId` of the commit `bytes`, nil when it has none.
    static func commitId(in bytes: [UInt8], path: String) throws(TableLogError) -> String? {
        for action in try CommitFile.actions(in: bytes, path: path) {
            if case .commitInfo(let info) = action { return info.json["txnId"]?.stringValue }
        }
        return nil
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
