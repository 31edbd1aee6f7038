import LakeCore

/// Builds a `Snapshot` from a `LogSegment`: its checkpoint (if any) followed by the JSON commits after it.
///
/// Commits are read oldest first and checked one by one (at most one `protocol`, one `metaData`, one `txn` per
/// app, one `domainMetadata` per domain, one `add` and one `remove` per path; commit 0 holds `protocol` and
/// `metaData`). The checkpoint's actions count as one older batch, not checked by those per-commit rules. The
/// newest protocol and metadata are then checked by `ProtocolGate` before any file action is interpreted. File
/// actions are applied newest first: the first action seen for a logical file (decoded path plus DV id) decides
/// whether it is live (`add`) or a tombstone (`remove`).
///
/// - Complexity: O(actions in the segment) time; memory holds the decoded actions of the whole segment.
///
/// Spec: spec/table-log.md §7.2.
public enum LogReplay {
    /// Replays `segment`.
    ///
    /// A checkpoint that cannot be read (corrupt, partial, a sidecar missing) is skipped: replay falls back to the
    /// next older complete checkpoint, or to the commits from 0, and records the skipped file and the reason in
    /// `Snapshot.skippedCheckpoints`. Only when no fallback exists does the checkpoint's error surface.
    /// - Throws: `corruptLog`/`corruptEntry` naming the checkpoint file when no fallback exists;
    ///   `corruptEntry`/`corruptLog` for bad commits; `missingCommit`; `io`; see `ProtocolGate`.
    public static func replay(_ segment: LogSegment, store: any ObjectStore) throws(TableLogError) -> Snapshot {
        var segment = segment
        var commits: [[Action]] = []
        commits.reserveCapacity(segment.commitPaths.count + 1)
        while let checkpoint = segment.checkpoint {
            do throws(TableLogError) {
                commits.append(try CheckpointReader.actions(of: checkpoint, store: store, root: segment.root))
                break
            } catch {
                switch error {
                case .corruptLog, .corruptEntry, .unsafePath: break
                default: throw error
                }
                // Each fallback excludes one more checkpoint version, so this loop ends.
                guard let older = try segment.fallingBack(from: checkpoint, reason: error.description, store: store)
                else { throw error }
                segment = older
            }
        }
        for (offset, path) in segment.commitPaths.enumerated() {
            let bytes = try TableLocation.storeCall { try store.read(path) }
            let actions = try CommitFile.actions(in: bytes, path: path)
            try checkCommitRules(actions, path: path, isFirst: offset == 0 && segment.checkpoint == nil)
            commits.append(actions)
        }
        let newestPath = segment.commitPaths.last ?? segment.checkpoint?.displayPath ?? ""
        var protocolAction: ProtocolAction?
        var metadata: MetadataAction?
        for actions in commits.reversed() where protocolAction == nil || metadata == nil {
            for action in actions {
                switch action {
                case .protocol(let value) where protocolAction == nil: protocolAction = value
                case .metadata(let value) where metadata == nil: metadata = value
                default: break
                }
            }
        }
        guard let protocolAction, let metadata else {
            throw .corruptLog(path: newestPath, reason: "no protocol or metaData action in the log")
        }
        let schema = try DeltaSchema(parsing: metadata.schemaString)
        try ProtocolGate.checkReadable(protocolAction, metadata: metadata, schema: schema, logPath: newestPath)

        var seen: Set<LogicalFileKey> = []
        var files: [ActiveFile] = []
        var tombstones: [(String, RemoveAction)] = []
        var transactions: [String: TransactionAction] = [:]
        var domains: [String: DomainMetadataAction?] = [:]
        for actions in commits.reversed() {
            for action in actions {
                switch action {
                case .add(let add):
                    let path = try PathCodec.decode(add.path)
                    guard seen.insert(LogicalFileKey(path: path, deletionVector: add.deletionVector?.uniqueId)).inserted
                    else { continue }
                    files.append(ActiveFile(path: path, add: add))
                case .remove(let remove):
                    let path = try PathCodec.decode(remove.path)
                    let key = LogicalFileKey(path: path, deletionVector: remove.deletionVector?.uniqueId)
                    if seen.insert(key).inserted { tombstones.append((path, remove)) }
                case .transaction(let txn) where transactions[txn.appId] == nil:
                    transactions[txn.appId] = txn
                case .domainMetadata(let domain) where domains[domain.domain] == nil:
                    domains[domain.domain] = .some(domain.removed ? nil : domain)
                default:
                    break
                }
            }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        tombstones.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        var commitInfo: CommitInfo?
        if !segment.commitPaths.isEmpty {
            for case .commitInfo(let info) in commits.last ?? [] { commitInfo = info }
        }
        return Snapshot(
            version: segment.version, protocolAction: protocolAction, metadata: metadata, schema: schema,
            files: files, tombstones: tombstones.map(\.1), transactions: transactions,
            domains: domains.compactMapValues { $0 }, commitInfo: commitInfo,
            skippedCheckpoints: segment.skippedCheckpoints)
    }

    /// The one-per-key rules of a single commit.
    static func checkCommitRules(_ actions: [Action], path: String, isFirst: Bool) throws(TableLogError) {
        var protocols = 0
        var metadatas = 0
        var appIds: Set<String> = []
        var domainNames: Set<String> = []
        var addPaths: Set<String> = []
        var removePaths: Set<String> = []
        func duplicate(_ what: String) -> TableLogError {
            .corruptLog(path: path, reason: "the commit holds more than one \(what)")
        }
        for action in actions {
            switch action {
            case .protocol:
                protocols += 1
                if protocols > 1 { throw duplicate("protocol action") }
            case .metadata:
                metadatas += 1
                if metadatas > 1 { throw duplicate("metaData action") }
            case .transaction(let txn):
                if !appIds.insert(txn.appId).inserted { throw duplicate("txn for appId \"\(txn.appId)\"") }
            case .domainMetadata(let domain):
                if !domainNames.insert(domain.domain).inserted {
                    throw duplicate("domainMetadata for \"\(domain.domain)\"")
                }
            case .add(let add):
                if !addPaths.insert(add.path).inserted { throw duplicate("add for \"\(add.path)\"") }
            case .remove(let remove):
                if !removePaths.insert(remove.path).inserted { throw duplicate("remove for \"\(remove.path)\"") }
            case .commitInfo:
                break
            }
        }
        if isFirst && (protocols == 0 || metadatas == 0) {
            throw .corruptLog(path: path, reason: "commit 0 must contain a protocol and a metaData action")
        }
    }
}
