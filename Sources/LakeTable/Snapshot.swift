import LakeCore

/// The state of a table at one version.
///
/// Spec: spec/table-log.md §7.
public struct Snapshot: Sendable {
    public var version: Int64
    public var protocolAction: ProtocolAction
    public var metadata: MetadataAction
    /// `metadata.schemaString`, parsed.
    public var schema: DeltaSchema
    /// Live logical files, ordered by path.
    public var files: [ActiveFile]
    /// Removes that are the newest action for their logical file, ordered by path. Retention filtering is left
    /// to VACUUM, which knows the clock.
    public var tombstones: [RemoveAction]
    /// The newest `txn` per application id.
    public var transactions: [String: TransactionAction]
    /// The newest `domainMetadata` per domain, without removed domains.
    public var domains: [String: DomainMetadataAction]
    /// The `commitInfo` of commit `version`, when it has one.
    public var commitInfo: CommitInfo?
    /// Checkpoints replay could not use and fell back from, each as `<file>: <reason>`; empty normally.
    public var skippedCheckpoints: [String] = []

    /// Loads the snapshot of `version` (the latest when nil) of the table at `root` inside `store`.
    /// - Throws: see `LogSegment.build` and `LogReplay.replay`.
    public static func load(
        store: any ObjectStore, root: String = "", version: Int64? = nil
    ) throws(TableLogError) -> Snapshot {
        let segment = try LogSegment.build(store: store, root: root, version: version)
        return try LogReplay.replay(segment, store: store)
    }

    /// The newest version application `appId` committed through `txn`, or nil.
    public func transactionVersion(appId: String) -> Int64? {
        transactions[appId]?.version
    }
}
