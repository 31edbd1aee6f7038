import LakeColumnar
import LakeParquet

/// Decides whether a transaction that lost the race for a version may commit after the winning commit.
///
/// Spec: spec/table-log.md §10.3, §10.6.
enum ConflictChecker {
    enum Resolution: Equatable {
        /// The winner does not affect the transaction; it may retry after it.
        case compatible
        /// The winner recorded the transaction's `txn` at the same or a newer version: the write is done.
        case alreadyApplied
    }

    /// Runs the checks of §10.3 in order against winning commit `winner` (its actions).
    /// - Throws: `commitConflict` naming the first failed check.
    static func check(
        _ transaction: Transaction, against winner: [Action], winnerVersion: Int64, attempted: Int64
    ) throws(TableLogError) -> Resolution {
        var commitInfo: CommitInfo?
        var hasProtocol = false
        var hasMetadata = false
        var adds: [AddAction] = []
        var removes: [RemoveAction] = []
        var transactions: [TransactionAction] = []
        var domains: Set<String> = []
        for action in winner {
            switch action {
            case .protocol: hasProtocol = true
            case .metadata: hasMetadata = true
            case .add(let add): adds.append(add)
            case .remove(let remove): removes.append(remove)
            case .transaction(let txn): transactions.append(txn)
            case .commitInfo(let info): commitInfo = info
            case .domainMetadata(let domain): domains.insert(domain.domain)
            }
        }
        func conflict(_ kind: CommitConflictKind) -> TableLogError {
            .commitConflict(kind, attempted: attempted, winner: winnerVersion, operation: commitInfo?.operation)
        }
        if hasProtocol { throw conflict(.protocolChanged) }
        if hasMetadata { throw conflict(.metadataChanged) }
        let winnerIsBlindAppend = isBlindAppend(commitInfo, hasRemoves: !removes.isEmpty)
        let excusesBlindAppends = transaction.isolationLevel == "WriteSerializable" && !transaction.changesMetadata
        let changedAdds = winnerIsBlindAppend && excusesBlindAppends ? [] : adds.filter(\.dataChange)
        if transaction.readsWholeTable {
            if !changedAdds.isEmpty { throw conflict(.concurrentAppend) }
            if removes.contains(where: \.dataChange) { throw conflict(.concurrentDeleteRead) }
        } else if let predicate = transaction.readPredicate {
            if changedAdds.contains(where: { mayMatch(predicate, $0, schema: transaction.readSchema) }) {
                throw conflict(.concurrentAppend)
            }
        }
        if !transaction.readPaths.isEmpty {
            for remove in removes where remove.dataChange {
                if let path = try? PathCodec.decode(remove.path), transaction.readPaths.contains(path) {
                    throw conflict(.concurrentDeleteRead)
                }
            }
        }
        if !transaction.removedPaths.isEmpty {
            for remove in removes {
                if let path = try? PathCodec.decode(remove.path), transaction.removedPaths.contains(path) {
                    throw conflict(.concurrentDeleteDelete)
                }
            }
        }
        if let ours = transaction.transactionAction {
            for txn in transactions where txn.appId == ours.appId {
                if txn.version >= ours.version { return .alreadyApplied }
                throw conflict(.concurrentTransaction)
            }
        }
        if !domains.isEmpty && !domains.isDisjoint(with: transaction.writtenDomains) {
            throw conflict(.concurrentDomainUpdate)
        }
        return .compatible
    }

    /// Whether the winner's `add` may hold rows matching the read predicate (§10.3 check 3): partition values and
    /// statistics as in §5.3; anything that cannot be evaluated counts as a match.
    static func mayMatch(_ predicate: [ParquetPredicate], _ add: AddAction, schema: Schema?) -> Bool {
        guard let schema, !predicate.isEmpty else { return true }
        var values: [String: Value] = [:]
        for (column, text) in add.partitionValues {
            guard let index = schema.index(of: column) else { continue }
            guard let value = try? PartitionValueCodec.parse(text, as: schema.fields[index].type, column: column)
            else { return true }
            values[column] = value
        }
        let statistics = add.stats.flatMap { FileStatistics(parsing: $0, schema: schema) }
        return FilePruner.mayMatch(
            predicates: predicate, partitionValues: values, statistics: statistics, schema: schema)
    }

    /// Whether a commit only appended (§10.3): `isBlindAppend`, or, lacking it (delta-rs), a `WRITE`, `INSERT`
    /// or `CREATE TABLE` in mode `Append` (or no mode) without removes. Protocol and metadata changes are
    /// checked before this is asked.
    static func isBlindAppend(_ commitInfo: CommitInfo?, hasRemoves: Bool) -> Bool {
        if let flag = commitInfo?.isBlindAppend { return flag }
        guard !hasRemoves, let operation = commitInfo?.operation,
            ["WRITE", "INSERT", "CREATE TABLE"].contains(operation)
        else { return false }
        let mode = commitInfo?.operationParameters?["mode"]?.stringValue
        return mode == nil || mode == "Append"
    }
}
