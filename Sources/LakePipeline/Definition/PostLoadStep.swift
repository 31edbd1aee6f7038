/// SQL run in PostgreSQL after the loads of a plan (refreshing views, gold aggregates in the warehouse).
///
/// The file is PostgreSQL's dialect, not lake SQL, so it is only checked to exist and be non-empty.
///
/// Spec: spec/pipeline.md#post-load-and-backup-steps
public struct PostLoadStep: Sendable, Hashable {
    public var name: String
    /// Relative to the pipeline file's folder.
    public var sqlFile: String
    /// Runs only in plans that load one of these warehouse tables; in every plan with loads when empty.
    public var after: [String]
    public var line: Int

    public init(name: String, sqlFile: String, after: [String] = [], line: Int = 0) {
        self.name = name
        self.sqlFile = sqlFile
        self.after = after
        self.line = line
    }
}
