import LakeCore

/// The log files that make up one version of a table: for now, the complete chain of JSON commits `0 ... v`.
///
/// Checkpoints are recognised but not read yet: when commit 0 or a later commit has been cleaned up and only a
/// checkpoint could bridge the gap, building the segment fails with `checkpointUnsupported`, naming the
/// checkpoint that would be needed. `_last_checkpoint` is therefore not consulted either.
///
/// Spec: spec/table-log.md §7.1.
public struct LogSegment: Sendable, Hashable {
    /// The snapshot version.
    public var version: Int64
    /// Store paths of commits `0 ... version`, ascending.
    public var commitPaths: [String]
    /// The newest version of the table when the segment was built.
    public var latestVersion: Int64

    /// Lists `<root>/_delta_log/` and builds the segment of `version` (the latest when nil).
    /// - Parameters:
    ///   - root: the table's prefix inside `store` (`""` when the store is rooted at the table).
    /// - Throws: `notATable` with no commit or checkpoint; `versionNotFound` for a version above the latest or
    ///   below 0; `checkpointUnsupported` when only a checkpoint covers the start of the chain; `missingCommit`
    ///   for a gap no checkpoint covers; `io` for storage failures.
    public static func build(
        store: any ObjectStore, root: String, version requested: Int64? = nil
    ) throws(TableLogError) -> LogSegment {
        let logPrefix = TableLocation.logPrefix(root)
        let listing = try TableLocation.storeCall { try store.list(prefix: logPrefix, after: nil) }
        var commits: [Int64: ObjectInfo] = [:]
        var checkpoints: Set<Int64> = []
        for info in listing {
            let fileName = String(info.path.dropFirst(logPrefix.count))
            guard let name = LogFileName(fileName: fileName), let version = name.version else { continue }
            if name.isCheckpoint {
                checkpoints.insert(version)
            } else {
                commits[version] = info
            }
        }
        let latest = max(commits.keys.max() ?? -1, checkpoints.max() ?? -1)
        guard latest >= 0 else { throw .notATable(root) }
        let version = requested ?? latest
        guard version >= 0, version <= latest else { throw .versionNotFound(version, latest: latest) }
        var paths: [String] = []
        paths.reserveCapacity(commits.count)
        for candidate in 0...version {
            guard let info = commits[candidate] else {
                // `checkpoint == version` also covers `Int64.max`, where `checkpoint + 1` would overflow.
                if let checkpoint = checkpoints.filter({ $0 >= candidate && $0 <= version }).max(),
                    checkpoint == version
                        || stride(from: checkpoint + 1, through: version, by: 1).allSatisfy({ commits[$0] != nil })
                {
                    throw .checkpointUnsupported(version: checkpoint)
                }
                throw .missingCommit(candidate)
            }
            guard info.sizeBytes <= Int64(TableLimits.commitBytesMax) else {
                throw .corruptLog(
                    path: info.path, reason: "\(info.sizeBytes) bytes exceed the limit of \(TableLimits.commitBytesMax)"
                )
            }
            paths.append(info.path)
        }
        return LogSegment(version: version, commitPaths: paths, latestVersion: latest)
    }
}
