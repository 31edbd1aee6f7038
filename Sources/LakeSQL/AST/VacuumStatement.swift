/// `VACUUM t [RETAIN n HOURS] [DRY RUN]`: delete unreferenced files older than the retention.
///
/// Spec: spec/sql.md §2.1.
public struct VacuumStatement: Sendable, Hashable {
    public var table: TableIdentifier
    /// nil: the table's configured retention.
    public var retentionHours: Int64?
    /// List what would be deleted without deleting.
    public var isDryRun: Bool

    public init(table: TableIdentifier, retentionHours: Int64? = nil, isDryRun: Bool = false) {
        self.table = table
        self.retentionHours = retentionHours
        self.isDryRun = isDryRun
    }
}
