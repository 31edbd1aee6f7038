/// What an OPTIMIZE run committed: one version per group of bins, and totals over all groups.
public struct OptimizeReport: Sendable, Hashable {
    /// Committed versions, in order; empty when there was nothing to compact.
    public var versions: [Int64] = []
    public var filesRemoved = 0
    public var filesAdded = 0
    public var bytesRemoved: Int64 = 0
    public var bytesAdded: Int64 = 0
    /// Rows read from the input files (and written to the new ones).
    public var rowsWritten: Int64 = 0

    public init() {}
}
