import LakeWarehouse

/// Snapshots a warehouse table back into the lake as a gold table (a new version each time).
///
/// Spec: spec/pipeline.md#post-load-and-backup-steps
public struct GoldBackupStep: Sendable, Hashable {
    public var name: String
    public var source: TableName
    /// `gold.<name>`.
    public var target: ModelInput
    /// The frequency groups whose plans include it.
    public var groups: [String]
    public var line: Int

    public init(name: String, source: TableName, target: ModelInput, groups: [String], line: Int = 0) {
        self.name = name
        self.source = source
        self.target = target
        self.groups = groups
        self.line = line
    }
}
