import LakeCore

extension Table {
    /// The retained commits, newest first: version, timestamps and the provenance of `commitInfo`.
    /// - Parameter limit: the most entries to return (the newest ones); all when nil.
    /// - Throws: `notATable`; `corruptEntry` for a commit that does not decode; `io`; see `Snapshot.load`, which
    ///   gives the table properties that decide the commit timestamps (§9).
    public func history(limit: Int? = nil) throws(TableLogError) -> [CommitHistoryEntry] {
        if let limit, limit < 0 { throw .invalidArgument("history limit must not be negative, found \(limit)") }
        let latest = try snapshot()
        let timestamps = try CommitTimestamps.load(
            store: store, root: root, configuration: latest.metadata.configuration)
        var result: [CommitHistoryEntry] = []
        for entry in timestamps.entries.reversed() {
            if let limit, result.count >= limit { break }
            let bytes = try TableLocation.storeCall { try store.read(entry.path) }
            var commitInfo: CommitInfo?
            for case .commitInfo(let info) in try CommitFile.actions(in: bytes, path: entry.path) { commitInfo = info }
            result.append(
                CommitHistoryEntry(
                    version: entry.version, timestampMillis: commitInfo?.timestamp ?? entry.fileModifiedMillis,
                    commitTimestampMillis: entry.timestampMillis, operation: commitInfo?.operation,
                    operationParameters: commitInfo?.operationParameters ?? [:],
                    operationMetrics: commitInfo?.json["operationMetrics"]?.objectValue ?? [:],
                    engineInfo: commitInfo?.engineInfo, commitInfo: commitInfo))
        }
        return result
    }

    /// A summary of the latest snapshot: schema, partitioning, protocol, properties and live-file totals.
    /// - Throws: see `Snapshot.load`.
    public func describe() throws(TableLogError) -> TableDescription {
        let snapshot = try snapshot()
        var totalBytes: Int64 = 0
        var rowCount: Int64? = 0
        for file in snapshot.files {
            totalBytes = totalBytes &+ file.add.size
            if let records = file.recordCount, let sum = rowCount { rowCount = sum &+ records } else { rowCount = nil }
        }
        let metadata = snapshot.metadata
        return TableDescription(
            version: snapshot.version, id: metadata.id, name: metadata.name, description: metadata.description,
            schema: snapshot.schema, partitionColumns: metadata.partitionColumns,
            protocolAction: snapshot.protocolAction, properties: metadata.configuration,
            createdTimeMillis: metadata.createdTime, fileCount: snapshot.files.count, totalBytes: totalBytes,
            rowCount: rowCount)
    }

    /// The timestamps time travel uses for every retained commit (§9).
    /// - Throws: see `Snapshot.load` and `CommitTimestamps.load`.
    public func commitTimestamps() throws(TableLogError) -> CommitTimestamps {
        let latest = try snapshot()
        return try CommitTimestamps.load(store: store, root: root, configuration: latest.metadata.configuration)
    }

    /// The snapshot of the greatest version whose commit timestamp (§9) is ≤ `millis`; the latest version for an
    /// instant after the last commit.
    /// - Parameter millis: milliseconds since the Unix epoch.
    /// - Throws: `timestampTooEarly` for an instant before the earliest retained commit; see `snapshot(version:)`.
    public func snapshot(asOf millis: Int64) throws(TableLogError) -> Snapshot {
        try snapshot(version: commitTimestamps().version(atOrBefore: millis))
    }
}
