/// What one log cleanup deleted.
///
/// Spec: spec/table-log.md §12.9.
public struct LogCleanupReport: Sendable, Hashable {
    /// Store paths deleted, ascending.
    public var deletedPaths: [String]
    /// Files last modified before this instant (milliseconds since the Unix epoch) were expired.
    public var cutoffMillis: Int64
    /// The checkpoint every retained version is rebuilt from; files of lower versions were eligible. nil when no
    /// checkpoint qualified and nothing was deleted.
    public var boundaryVersion: Int64?

    public init(deletedPaths: [String], cutoffMillis: Int64, boundaryVersion: Int64?) {
        self.deletedPaths = deletedPaths
        self.cutoffMillis = cutoffMillis
        self.boundaryVersion = boundaryVersion
    }
}
