/// What `Table.vacuum` deleted, or, in a dry run, would delete.
///
/// Spec: spec/table-log.md §12.8.
public struct VacuumReport: Sendable, Hashable {
    /// One data file without a reader inside the retention window.
    public struct File: Sendable, Hashable {
        /// The object's path relative to the table root.
        public var path: String
        public var sizeBytes: Int64

        public init(path: String, sizeBytes: Int64) {
            self.path = path
            self.sizeBytes = sizeBytes
        }
    }

    /// Files deleted (or to delete in a dry run), ascending by path.
    public var files: [File]
    public var isDryRun: Bool
    /// The retention used, in milliseconds.
    public var retentionMillis: Int64
    /// `now - retentionMillis`: files some version committed at or after this instant can read are kept.
    public var cutoffMillis: Int64

    /// Sum of the files' sizes.
    public var totalBytes: Int64 { files.reduce(Int64(0)) { $0 &+ $1.sizeBytes } }
}
