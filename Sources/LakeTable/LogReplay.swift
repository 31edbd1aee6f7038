import LakeCore

/// Builds a `Snapshot` from the commits of a `LogSegment`.
///
/// Commits are read oldest first and checked one by one (at most one `protocol`, one `metaData`, one `txn` per
/// app, one `domainMetadata` per domain, one `add` and one `remove` per path; commit 0 holds `protocol` and
/// `metaData`). The newest protocol and metadata are then checked by `ProtocolGate` before any file action is
/// interpreted. File actions are applied newest first: the first action seen for a logical file (decoded path
/// plus DV id) decides whether it is live (`add`) or a tombstone (`remove`).
///
/// - Complexity: O(actions in the segment) time; memory holds the decoded actions of the whole segment.
///
/// Spec: spec/table-log.md §7.2.
public enum LogReplay {
    public static func replay(_ segment: LogSegment, store: any ObjectStore) throws(TableLogError) -> Snapshot {
        var commits: [[Action]] = []
        commits.reserveCapacity(segment.commitPaths.count)
        for (offset, path) in segment.commitPaths.enumerated() {
            let bytes = try TableLocation.storeCall { try store.read(path) }
            let actions = try CommitFile.actions(in: bytes, path: path)
            try checkCommitRules(actions, path: path, isFirst: offset == 0)
            commits.append(actions)
        }
        let newestPath = segment.commitPaths.last ?? ""
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
        if files.contains(where: { $0.add.deletionVector != nil }) { throw .unsupportedFeature("deletionVectors") }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        tombstones.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        var commitInfo: CommitInfo?
        for case .commitInfo(let info) in commits.last ?? [] { commitInfo = info }
        return Snapshot(
            version: segment.version, protocolAction: protocolAction, metadata: metadata, schema: schema,
            files: files, tombstones: tombstones.map(\.1), transactions: transactions,
            domains: domains.compactMapValues { $0 }, commitInfo: commitInfo)
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
