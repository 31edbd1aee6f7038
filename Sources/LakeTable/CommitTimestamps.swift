import LakeCore

/// The commit timestamps of a table's retained commits, as time travel and history use them.
///
/// A version's timestamp is its `inCommitTimestamp` when in-commit timestamps are enabled for it, and otherwise
/// the modification time of its commit file made monotonic: a time not greater than the previous version's
/// adjusted time becomes that time + 1 ms.
///
/// Spec: spec/table-log.md §9.
public struct CommitTimestamps: Sendable, Hashable {
    /// One retained commit.
    public struct Entry: Sendable, Hashable {
        public var version: Int64
        /// The store path of the commit file.
        public var path: String
        /// The timestamp of §9, in milliseconds since the Unix epoch.
        public var timestampMillis: Int64
        /// The commit file's modification time as listed.
        public var fileModifiedMillis: Int64
    }

    /// Retained commits, ascending by version.
    public var entries: [Entry]
    /// The first version using in-commit timestamps, when the table enables them.
    public var inCommitEnablementVersion: Int64?
    /// `delta.inCommitTimestampEnablementTimestamp`, when set.
    public var inCommitEnablementMillis: Int64?

    /// Lists `<root>/_delta_log/` and computes the timestamp of every commit file found.
    /// - Parameters:
    ///   - configuration: the latest `metaData.configuration`; decides whether in-commit timestamps apply.
    /// - Throws: `notATable` when there is no commit; `corruptLog` when an in-commit-timestamp commit lacks
    ///   `inCommitTimestamp`; `io` and `corruptEntry` from reading commits.
    public static func load(
        store: any ObjectStore, root: String, configuration: [String: String]
    ) throws(TableLogError) -> CommitTimestamps {
        let logPrefix = TableLocation.logPrefix(root)
        let listing = try TableLocation.storeCall { try store.list(prefix: logPrefix, after: nil) }
        var commits: [(Int64, ObjectInfo)] = []
        for info in listing {
            if case .commit(let version) = LogFileName(fileName: String(info.path.dropFirst(logPrefix.count))) {
                commits.append((version, info))
            }
        }
        guard !commits.isEmpty else { throw .notATable(root) }
        commits.sort { $0.0 < $1.0 }
        var enablementVersion: Int64?
        var enablementMillis: Int64?
        if configuration["delta.enableInCommitTimestamps"]?.lowercased() == "true" {
            enablementVersion = configuration["delta.inCommitTimestampEnablementVersion"].flatMap { Int64($0) } ?? 0
            enablementMillis = configuration["delta.inCommitTimestampEnablementTimestamp"].flatMap { Int64($0) }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(commits.count)
        var previous: Int64?
        for (version, info) in commits {
            var timestamp = info.modifiedMillis
            if let enablementVersion, version >= enablementVersion {
                let bytes = try TableLocation.storeCall { try store.read(info.path) }
                var inCommit: Int64?
                for case .commitInfo(let commitInfo) in try CommitFile.actions(in: bytes, path: info.path) {
                    inCommit = commitInfo.inCommitTimestamp
                }
                guard let inCommit else {
                    throw .corruptLog(
                        path: info.path, reason: "in-commit timestamps are enabled but the commit has none")
                }
                timestamp = inCommit
            } else if let previous, timestamp <= previous {
                timestamp = previous + 1
            }
            previous = timestamp
            entries.append(
                Entry(
                    version: version, path: info.path, timestampMillis: timestamp,
                    fileModifiedMillis: info.modifiedMillis))
        }
        return CommitTimestamps(
            entries: entries, inCommitEnablementVersion: enablementVersion, inCommitEnablementMillis: enablementMillis)
    }

    /// The timestamp of `version`, or nil when its commit file is not retained.
    public func timestampMillis(of version: Int64) -> Int64? {
        entries.first { $0.version == version }?.timestampMillis
    }

    /// The greatest version whose timestamp is ≤ `millis`; the latest version for an instant after it.
    /// - Throws: `timestampTooEarly` when `millis` precedes the earliest retained commit (or, on a table that
    ///   enabled in-commit timestamps at a known instant, the earliest commit of the matching regime).
    public func version(atOrBefore millis: Int64) throws(TableLogError) -> Int64 {
        var candidates = entries[...]
        if let enablementVersion = inCommitEnablementVersion, let enablementMillis = inCommitEnablementMillis {
            let usesInCommit = millis >= enablementMillis
            candidates = entries.filter { ($0.version >= enablementVersion) == usesInCommit }[...]
        }
        guard let earliest = candidates.first ?? entries.first else { throw .notATable("") }
        var found: Int64?
        for entry in candidates where entry.timestampMillis <= millis { found = entry.version }
        guard let found else {
            throw .timestampTooEarly(requestedMillis: millis, earliestMillis: earliest.timestampMillis)
        }
        return found
    }
}
