/// How far an OPTIMIZE run has got, reported to its progress callback.
public struct OptimizeProgress: Sendable, Hashable {
    /// Input files in all bins, and their stored bytes.
    public var filesTotal: Int
    public var bytesTotal: Int64
    /// Input files read so far, their stored bytes and rows.
    public var filesRead = 0
    public var bytesRead: Int64 = 0
    public var rowsRead: Int64 = 0
    /// Files written by committed groups, and their bytes.
    public var filesWritten = 0
    public var bytesWritten: Int64 = 0
    /// Commits made so far.
    public var commits = 0

    public init(filesTotal: Int, bytesTotal: Int64) {
        self.filesTotal = filesTotal
        self.bytesTotal = bytesTotal
    }
}
