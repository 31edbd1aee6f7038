import LakeCore

/// The log files that make up one version of a table: the newest complete checkpoint at or below the version (if
/// any) plus the JSON commits after it.
///
/// Building a segment reads `_last_checkpoint` as a hint only: for the latest version (or a version at or above the
/// hint) the listing starts at the hinted version, and when that listing shows no complete checkpoint there the
/// whole log is listed again. A checkpoint that later turns out unreadable is replaced by `fallingBack(from:)`.
///
/// Spec: spec/table-log.md §7.1.
public struct LogSegment: Sendable, Hashable {
    /// The snapshot version.
    public var version: Int64
    /// The checkpoint replay starts from; nil to replay commits from version 0.
    public var checkpoint: CheckpointFiles?
    /// Store paths of commits `checkpoint.version + 1 ... version` (or `0 ... version`), ascending.
    public var commitPaths: [String]
    /// The newest version of the table when the segment was built.
    public var latestVersion: Int64
    /// Checkpoints replay fell back from, each as `<file>: <reason>` (surfaced as `Snapshot.skippedCheckpoints`).
    public var skippedCheckpoints: [String] = []

    let root: String

    /// Lists `<root>/_delta_log/` and builds the segment of `version` (the latest when nil).
    /// - Parameters:
    ///   - root: the table's prefix inside `store` (`""` when the store is rooted at the table).
    /// - Throws: `notATable` with no commit or checkpoint; `versionNotFound` for a version above the latest or
    ///   below 0; `missingCommit` for a gap no checkpoint covers (`missingCommit(0)` when early commits were
    ///   cleaned up and no checkpoint at or below the version exists); `corruptLog` for a commit file above
    ///   `TableLimits.commitBytesMax`; `io` for storage failures.
    public static func build(
        store: any ObjectStore, root: String, version requested: Int64? = nil
    ) throws(TableLogError) -> LogSegment {
        if let hint = try LastCheckpoint.read(store: store, root: root), requested.map({ $0 >= hint.version }) ?? true {
            let listing = try LogListing(store: store, root: root, from: hint.version)
            if listing.checkpoints[hint.version] != nil {
                return try listing.segment(version: requested, excluding: [])
            }
        }
        return try LogListing(store: store, root: root, from: nil).segment(version: requested, excluding: [])
    }

    /// The segment of the same version without `failed` (and any checkpoint skipped before): the next older
    /// complete checkpoint, or all commits from 0. nil when no such segment exists.
    /// - Throws: `io` for storage failures while listing again.
    public func fallingBack(
        from failed: CheckpointFiles, reason: String, store: any ObjectStore
    ) throws(TableLogError) -> LogSegment? {
        let listing = try LogListing(store: store, root: root, from: nil)
        let excluded = Set(skippedVersions + [failed.version])
        guard var segment = try? listing.segment(version: version, excluding: excluded) else { return nil }
        segment.skippedCheckpoints = skippedCheckpoints + ["\(failed.displayPath): \(reason)"]
        segment.skippedVersions = skippedVersions + [failed.version]
        return segment
    }

    /// Versions of the checkpoints in `skippedCheckpoints`.
    var skippedVersions: [Int64] = []
}

/// The classified files of one listing of `_delta_log/`.
struct LogListing {
    let root: String
    var commits: [Int64: ObjectInfo] = [:]
    /// The preferred complete checkpoint of each version.
    var checkpoints: [Int64: CheckpointFiles] = [:]

    /// Lists the log, from the files of version `start` on when given.
    init(store: any ObjectStore, root: String, from start: Int64?) throws(TableLogError) {
        let logPrefix = TableLocation.logPrefix(root)
        let after = start.map { logPrefix + String(LogFileName.commitName($0).dropLast(5)) }
        self.init(root: root, listing: try TableLocation.storeCall { try store.list(prefix: logPrefix, after: after) })
    }

    /// Classifies `listing`, objects under `<root>/_delta_log/` as `ObjectStore.list` returns them.
    init(root: String, listing: [ObjectInfo]) {
        self.root = root
        let logPrefix = TableLocation.logPrefix(root)
        var multiPart: [Int64: [Int: [Int: ObjectInfo]]] = [:]  // version -> parts -> part -> file
        for info in listing {
            let fileName = String(info.path.dropFirst(logPrefix.count))
            guard let name = LogFileName(fileName: fileName) else { continue }
            switch name {
            case .commit(let version):
                commits[version] = info
            case .checkpoint(let version):
                offer(CheckpointFiles(version: version, kind: .classic, paths: [info.path], sizeBytes: info.sizeBytes))
            case .uuidCheckpoint(let version, _, _):
                offer(
                    CheckpointFiles(version: version, kind: .uuidNamed, paths: [info.path], sizeBytes: info.sizeBytes))
            case .multiPartCheckpoint(let version, let part, let parts):
                guard parts <= CheckpointLimits.partsMax else { continue }
                multiPart[version, default: [:]][parts, default: [:]][part] = info
            case .lastCheckpoint:
                continue
            }
        }
        for (version, sets) in multiPart {
            for (parts, files) in sets.sorted(by: { $0.key < $1.key }) where files.count == parts {
                let ordered = (1...parts).compactMap { files[$0] }
                offer(
                    CheckpointFiles(
                        version: version, kind: .multiPart, paths: ordered.map(\.path),
                        sizeBytes: ordered.reduce(0) { $0 + $1.sizeBytes }))
            }
        }
    }

    private mutating func offer(_ candidate: CheckpointFiles) {
        if let existing = checkpoints[candidate.version], existing.kind <= candidate.kind { return }
        checkpoints[candidate.version] = candidate
    }

    /// The segment of `requested` (the latest when nil), ignoring checkpoints at the versions in `excluded`.
    func segment(version requested: Int64?, excluding excluded: Set<Int64>) throws(TableLogError) -> LogSegment {
        let latest = max(commits.keys.max() ?? -1, checkpoints.keys.max() ?? -1)
        guard latest >= 0 else { throw .notATable(root) }
        let version = requested ?? latest
        guard version >= 0, version <= latest else { throw .versionNotFound(version, latest: latest) }
        let checkpoint = checkpoints.values.filter { $0.version <= version && !excluded.contains($0.version) }
            .max { $0.version < $1.version }
        // A checkpoint at `version` needs no commit (and `version + 1` could overflow at `Int64.max`).
        let first: Int64? = checkpoint.map { $0.version < version ? $0.version + 1 : nil } ?? 0
        var paths: [String] = []
        if let first {
            paths.reserveCapacity(Int(clamping: version - first + 1))
            for candidate in first...version {
                guard let info = commits[candidate] else { throw .missingCommit(candidate) }
                guard info.sizeBytes <= Int64(TableLimits.commitBytesMax) else {
                    throw .corruptLog(
                        path: info.path,
                        reason: "\(info.sizeBytes) bytes exceed the limit of \(TableLimits.commitBytesMax)")
                }
                paths.append(info.path)
            }
        }
        return LogSegment(
            version: version, checkpoint: checkpoint, commitPaths: paths, latestVersion: latest, root: root)
    }
}
