import LakeCore

extension Table {
    /// The default retention of VACUUM when `delta.deletedFileRetentionDuration` is not set: 7 days (168 h).
    public static let defaultVacuumRetentionMillis: Int64 = 168 * 3_600_000

    /// Deletes data files under the table root that no version current at any instant inside the retention
    /// window can read.
    ///
    /// With `cutoff = now - retention`, an object is kept when (a) it is under `_delta_log/`, or a path component
    /// starts with `_` or `.` (except partition directories `<partition column>=<value>`); (b) it is live in the
    /// latest snapshot; (c) it is named by an `add` or `remove` of a commit whose timestamp (§9) is ≥ `cutoff`,
    /// or by a tombstone of the latest snapshot whose `deletionTimestamp` is ≥ `cutoff`; (d) its modification time
    /// is ≥ `cutoff` (it may belong to a transaction still running). Everything else is deleted.
    ///
    /// A real run that deletes something records commitInfo-only commits `VACUUM START` and `VACUUM END`.
    /// - Parameters:
    ///   - retentionHours: the window; nil means `delta.deletedFileRetentionDuration` (default 168 h).
    ///   - dryRun: list the files without deleting them or committing.
    ///   - allowShortRetention: permit a window shorter than the table's retention.
    /// - Returns: the files deleted (or to delete) and their total size.
    /// - Throws: `invalidArgument` for a negative retention; `retentionTooShort`; `unsupportedFeature` when the
    ///   table has writer features this writer does not know; `io`; see `Snapshot.load`.
    public func vacuum(
        retentionHours: Int64? = nil, dryRun: Bool = false, allowShortRetention: Bool = false
    ) throws(TableLogError) -> VacuumReport {
        let snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema)
        let configuration = snapshot.metadata.configuration
        var tableRetention = Self.defaultVacuumRetentionMillis
        if let text = configuration["delta.deletedFileRetentionDuration"], let millis = IntervalText.millis(text) {
            tableRetention = millis
        }
        var retention = tableRetention
        if let retentionHours {
            let (millis, overflow) = retentionHours.multipliedReportingOverflow(by: 3_600_000)
            guard retentionHours >= 0, !overflow else {
                throw .invalidArgument("vacuum retention must be between 0 hours and \(Int64.max / 3_600_000) hours")
            }
            retention = millis
        }
        if retention < tableRetention && !allowShortRetention {
            throw .retentionTooShort(requestedMillis: retention, minimumMillis: tableRetention)
        }
        let now = clock.nowMillis()
        let cutoff = now.subtractingReportingOverflow(retention).overflow ? Int64.min : now - retention

        var keep = Set(snapshot.files.map(\.path))
        for tombstone in snapshot.tombstones where (tombstone.deletionTimestamp ?? 0) >= cutoff {
            keep.insert(try PathCodec.decode(tombstone.path))
        }
        let timestamps = try CommitTimestamps.load(store: store, root: root, configuration: configuration)
        for entry in timestamps.entries where entry.timestampMillis >= cutoff {
            let bytes = try TableLocation.storeCall { try store.read(entry.path) }
            for action in try CommitFile.actions(in: bytes, path: entry.path) {
                switch action {
                case .add(let add): keep.insert(try PathCodec.decode(add.path))
                case .remove(let remove): keep.insert(try PathCodec.decode(remove.path))
                default: break
                }
            }
        }

        let prefix = root.isEmpty ? "" : ObjectPath.join(root) + "/"
        let listing = try TableLocation.storeCall { try store.list(prefix: prefix, after: nil) }
        let partitionColumns = Set(snapshot.metadata.partitionColumns)
        var doomed: [VacuumReport.File] = []
        for info in listing {
            let relative = String(info.path.dropFirst(prefix.count))
            if Self.isHidden(relative, partitionColumns: partitionColumns) || keep.contains(relative) { continue }
            if info.modifiedMillis >= cutoff { continue }
            doomed.append(VacuumReport.File(path: relative, sizeBytes: info.sizeBytes))
        }
        doomed.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let report = VacuumReport(files: doomed, isDryRun: dryRun, retentionMillis: retention, cutoffMillis: cutoff)
        if dryRun || doomed.isEmpty { return report }

        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let start = Transaction(
            table: self, readVersion: snapshot.version, actions: [], operation: "VACUUM START",
            operationParameters: [
                "retentionCheckEnabled": .bool(!allowShortRetention),
                "defaultRetentionMillis": .int64(tableRetention), "specifiedRetentionMillis": .int64(retention),
            ],
            operationMetrics: [
                "numFilesToDelete": .string(String(doomed.count)),
                "sizeOfDataToDelete": .string(String(report.totalBytes)),
            ],
            isBlindAppend: false, readsWholeTable: false, removedPaths: [], transactionAction: nil,
            isolationLevel: isolationLevel, alreadyAppliedVersion: nil)
        let startVersion: Int64
        switch try start.commit() {
        case .committed(let version), .alreadyApplied(let version): startVersion = version
        }
        try ObjectDeleter.delete(doomed.map { TableLocation.objectPath(root, $0.path) }, from: store)
        let end = Transaction(
            table: self, readVersion: startVersion, actions: [], operation: "VACUUM END",
            operationParameters: ["status": "COMPLETED"],
            operationMetrics: ["numDeletedFiles": .string(String(doomed.count)), "numVacuumedDirectories": "0"],
            isBlindAppend: false, readsWholeTable: false, removedPaths: [], transactionAction: nil,
            isolationLevel: isolationLevel, alreadyAppliedVersion: nil)
        _ = try end.commit()
        return report
    }

    /// Whether VACUUM must leave `relativePath` alone by name: under `_delta_log/`, or a component starting with
    /// `_` or `.` that is not a partition directory of `partitionColumns`.
    static func isHidden(_ relativePath: String, partitionColumns: Set<String>) -> Bool {
        let components = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        for (index, component) in components.enumerated() {
            guard component.hasPrefix("_") || component.hasPrefix(".") else { continue }
            let isDirectory = index < components.count - 1
            if isDirectory
                && partitionColumns.contains(where: { column in
                    component.hasPrefix(PartitionValueCodec.directoryName(column: column, value: ""))
                })
            {
                continue
            }
            return true
        }
        return false
    }
}
