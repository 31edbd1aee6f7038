/// How OPTIMIZE cuts its bins into commits: a commit at least every `binsPerCommitMax` bins or once
/// `commitBytesMax` input bytes are rewritten, so an interrupted run keeps its progress and a conflict loses at most
/// one group.
///
/// Spec: spec/table-log.md §12 (10).
public struct OptimizeGrouping: Sendable, Hashable {
    /// The most bins (output files) one commit holds; at least 1.
    public var binsPerCommitMax: Int
    /// The input bytes after which a group is closed (a group always holds at least one bin).
    public var commitBytesMax: Int64

    /// - Precondition: `binsPerCommitMax >= 1` and `commitBytesMax >= 1`.
    public init(binsPerCommitMax: Int = 50, commitBytesMax: Int64 = 1 << 30) {
        precondition(binsPerCommitMax >= 1 && commitBytesMax >= 1, "OPTIMIZE groups need room for one bin")
        self.binsPerCommitMax = binsPerCommitMax
        self.commitBytesMax = commitBytesMax
    }

    /// `bins` cut in order into groups within both limits.
    func groups(of bins: [[ActiveFile]]) -> [[[ActiveFile]]] {
        var groups: [[[ActiveFile]]] = []
        var current: [[ActiveFile]] = []
        var currentBytes: Int64 = 0
        for bin in bins {
            let bytes = bin.reduce(Int64(0)) { $0 + max($1.add.size, 0) }
            if !current.isEmpty && (current.count >= binsPerCommitMax || currentBytes + bytes > commitBytesMax) {
                groups.append(current)
                current = []
                currentBytes = 0
            }
            current.append(bin)
            currentBytes += bytes
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}
