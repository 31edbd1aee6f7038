import LakeCore

/// Lists bronze snapshots of an endpoint, for a model's bronze inputs.
///
/// Spec: spec/pipeline.md#model-run-state
public enum BronzeSnapshots {
    /// Snapshot paths of `endpoint` after `processed` (all when nil), oldest first.
    public static func pending(endpoint: String, after processed: InputSnapshot?, store: any ObjectStore)
        throws(PipelineError) -> [String]
    {
        let folder = BronzeLayout.folder(endpoint: endpoint)
        var after: String?
        if case .bronze(let path)? = processed { after = path }
        do {
            return try store.list(prefix: folder, after: after).map(\.path)
                .filter { $0.hasSuffix(".parquet") && !$0.dropFirst(folder.count).contains("/") }
        } catch {
            throw .storage(path: folder, reason: "\(error)")
        }
    }

    /// The newest snapshot of `endpoint`, or nil when it has none.
    public static func latest(endpoint: String, store: any ObjectStore) throws(PipelineError) -> InputSnapshot? {
        try pending(endpoint: endpoint, after: nil, store: store).last.map { .bronze(path: $0) }
    }
}
