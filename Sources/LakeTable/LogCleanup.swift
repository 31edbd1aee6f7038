import LakeCore

/// Deletes expired log files: commits, checkpoints, checksum and compaction files that no retained version needs.
///
/// `cutoff` is the start of the UTC day of `now - delta.logRetentionDuration` (default 30 days). A version is
/// expired when its commit timestamp (§9: file modification time made monotonic, or the in-commit timestamp) is
/// before `cutoff`. The earliest retained version `r` is the lowest listed commit that is not expired (the latest
/// version when all are). The boundary `B` is the newest complete checkpoint at or below `r`, so every retained
/// version is rebuilt from `B` plus the commits after it. Files of versions below `B` (a compaction file by its end
/// version) whose own modification time is also before `cutoff` are deleted, oldest version first. Nothing is
/// deleted without such a checkpoint, when `delta.enableExpiredLogCleanup` is `false`, or outside `_delta_log/`
/// (sidecars are left alone: we never write them).
///
/// Spec: spec/table-log.md §12.9.
enum LogCleanup {
    /// The default of `delta.logRetentionDuration`: 30 days.
    static let defaultRetentionMillis: Int64 = 30 * 86_400_000

    /// Runs cleanup for the table at `root`, configured by `configuration` (the latest `metaData.configuration`).
    /// - Returns: nil when cleanup is disabled; otherwise what was deleted (possibly nothing).
    /// - Throws: `io` for storage failures; files deleted before a failure stay deleted (each deletion leaves a
    ///   log every retained version can still be read from).
    static func run(
        store: any ObjectStore, root: String, configuration: [String: String], nowMillis: Int64
    ) throws(TableLogError) -> LogCleanupReport? {
        if configuration["delta.enableExpiredLogCleanup"]?.lowercased() == "false" { return nil }
        let retention =
            configuration["delta.logRetentionDuration"].flatMap(IntervalText.millis)
            ?? defaultRetentionMillis
        let (difference, overflow) = nowMillis.subtractingReportingOverflow(retention)
        let day: Int64 = 86_400_000
        let unaligned = overflow ? Int64.min / 2 : difference
        let cutoff = (unaligned >= 0 ? unaligned / day : (unaligned - day + 1) / day) * day

        let logPrefix = TableLocation.logPrefix(root)
        let files = try TableLocation.storeCall { try store.list(prefix: logPrefix, after: nil) }
        // Nothing older than the cutoff: nothing can be deleted (the common case right after a checkpoint).
        guard files.contains(where: { $0.modifiedMillis < cutoff }) else {
            return LogCleanupReport(deletedPaths: [], cutoffMillis: cutoff, boundaryVersion: nil)
        }
        let listing = LogListing(root: root, listing: files)
        let latest = max(listing.commits.keys.max() ?? -1, listing.checkpoints.keys.max() ?? -1)
        guard latest >= 0, !listing.commits.isEmpty else {
            return LogCleanupReport(deletedPaths: [], cutoffMillis: cutoff, boundaryVersion: nil)
        }
        let retained =
            try earliestRetainedVersion(
                listing, store: store, configuration: configuration, cutoff: cutoff) ?? latest
        guard let boundary = listing.checkpoints.keys.filter({ $0 <= retained }).max() else {
            return LogCleanupReport(deletedPaths: [], cutoffMillis: cutoff, boundaryVersion: nil)
        }

        var doomed: [(Int64, String)] = []
        for info in files where info.modifiedMillis < cutoff {
            let name = String(info.path.dropFirst(logPrefix.count))
            guard let version = Self.version(ofExpirable: name), version < boundary else { continue }
            doomed.append((version, info.path))
        }
        doomed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
        for (_, path) in doomed {
            try TableLocation.storeCall { try store.delete(path) }
        }
        return LogCleanupReport(deletedPaths: doomed.map(\.1), cutoffMillis: cutoff, boundaryVersion: boundary)
    }

    /// The lowest listed commit whose §9 timestamp is at or after `cutoff`, nil when every commit is older. Without
    /// in-commit timestamps the timestamps come from the listing itself (modification times made monotonic);
    /// otherwise `CommitTimestamps` reads them from the commits.
    private static func earliestRetainedVersion(
        _ listing: LogListing, store: any ObjectStore, configuration: [String: String], cutoff: Int64
    ) throws(TableLogError) -> Int64? {
        if configuration["delta.enableInCommitTimestamps"]?.lowercased() == "true" {
            let timestamps = try CommitTimestamps.load(store: store, root: listing.root, configuration: configuration)
            return timestamps.entries.first { $0.timestampMillis >= cutoff }?.version
        }
        var previous: Int64?
        for version in listing.commits.keys.sorted() {
            guard let info = listing.commits[version] else { continue }
            var timestamp = info.modifiedMillis
            if let previous, timestamp <= previous { timestamp = previous + 1 }
            if timestamp >= cutoff { return version }
            previous = timestamp
        }
        return nil
    }

    /// The version a log file name belongs to, for the kinds cleanup may delete: commits and checkpoints of every
    /// kind, `V.crc`, and `X.Y.compacted.json` (by its end version `Y`). nil for anything else.
    static func version(ofExpirable name: String) -> Int64? {
        if let parsed = LogFileName(fileName: name) { return parsed.version }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        func digits(_ text: Substring) -> Int64? {
            guard text.utf8.count == 20, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int64(text)
        }
        if parts.count == 2, parts[1] == "crc" { return digits(parts[0]) }
        if parts.count == 4, parts[2] == "compacted", parts[3] == "json", let start = digits(parts[0]),
            let end = digits(parts[1]), start < end
        {
            return end
        }
        return nil
    }
}
