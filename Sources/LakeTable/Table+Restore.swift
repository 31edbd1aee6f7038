import LakeCore

extension Table {
    /// Makes the table's content that of `version` again, in one new commit (`RESTORE`).
    ///
    /// Files live now but not at `version` are removed, files live at `version` but not now are added again
    /// (their `add` actions copied with `dataChange: true`), and the `metaData` of `version` is committed when it
    /// differs from the current one. The protocol is never downgraded. Every re-added file is checked with
    /// `ObjectStore.head` before committing.
    /// - Returns: the outcome of the commit.
    /// - Throws: `versionNotFound` for a version outside the table; `restoreFileMissing` when a file to re-add is
    ///   gone (vacuumed); `appendOnlyViolation` when the restore would remove files of an append-only table;
    ///   `unsupportedFeature` when this writer cannot honour the protocol; see `Transaction.commit`.
    @discardableResult
    public func restore(toVersion version: Int64) throws(TableLogError) -> CommitOutcome {
        let current = try snapshot()
        guard version >= 0, version <= current.version else {
            throw .versionNotFound(version, latest: current.version)
        }
        let target = try snapshot(version: version)
        try ProtocolGate.checkWritable(current.protocolAction, schema: current.schema)
        try ProtocolGate.checkWritable(current.protocolAction, schema: target.schema)
        func key(_ file: ActiveFile) -> LogicalFileKey {
            LogicalFileKey(path: file.path, deletionVector: file.add.deletionVector?.uniqueId)
        }
        let currentKeys = Set(current.files.map(key))
        let targetKeys = Set(target.files.map(key))
        let toRemove = current.files.filter { !targetKeys.contains(key($0)) }
        let toAdd = target.files.filter { !currentKeys.contains(key($0)) }
        if !toRemove.isEmpty && TableProperties.isAppendOnly(current.metadata.configuration) {
            throw .appendOnlyViolation(operation: "restore")
        }
        for file in toAdd {
            let objectPath = TableLocation.objectPath(root, file.path)
            do {
                _ = try store.head(objectPath)
            } catch ObjectStoreError.notFound {
                throw .restoreFileMissing(file.path)
            } catch let error as ObjectStoreError {
                throw .io(error)
            } catch {
                throw .io(.io(path: objectPath, operation: "head", code: 0, message: "\(error)"))
            }
        }
        let now = clock.nowMillis()
        var actions: [Action] = []
        if target.metadata != current.metadata { actions.append(.metadata(target.metadata)) }
        for file in toRemove {
            actions.append(
                .remove(
                    RemoveAction(
                        path: file.add.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true,
                        partitionValues: file.add.partitionValues, size: file.add.size,
                        deletionVector: file.add.deletionVector)))
        }
        for file in toAdd {
            var add = file.add
            add.dataChange = true
            actions.append(.add(add))
        }
        let keptBytes = current.files.filter { targetKeys.contains(key($0)) }.reduce(Int64(0)) { $0 &+ $1.add.size }
        let restoredBytes = toAdd.reduce(Int64(0)) { $0 &+ $1.add.size }
        let metrics: JSONObject = [
            "numRestoredFiles": .string(String(toAdd.count)), "numRemovedFiles": .string(String(toRemove.count)),
            "restoredFilesSize": .string(String(restoredBytes)),
            "removedFilesSize": .string(String(toRemove.reduce(Int64(0)) { $0 &+ $1.add.size })),
            "numOfFilesAfterRestore": .string(String(target.files.count)),
            "tableSizeAfterRestore": .string(String(keptBytes &+ restoredBytes)),
        ]
        let transaction = Transaction(
            table: self, readVersion: current.version, actions: actions, operation: "RESTORE",
            operationParameters: ["version": .int64(version)], operationMetrics: metrics, isBlindAppend: false,
            readsWholeTable: true, removedPaths: Set(toRemove.map(\.path)), transactionAction: nil,
            isolationLevel: try TableProperties.isolationLevel(current.metadata.configuration),
            alreadyAppliedVersion: nil)
        return try transaction.commit()
    }
}
