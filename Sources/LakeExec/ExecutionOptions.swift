/// Knobs of one query execution.
///
/// Spec: spec/executor.md (parallelism, memory limit)
public struct ExecutionOptions: Sendable {
    /// Bytes that hash aggregates, hash joins, sorts and windows may hold at once, summed over the query.
    public var memoryLimitBytes: Int
    /// Worker threads for morsel-parallel operators (1 disables parallelism).
    public var parallelism: Int
    /// Rows per batch that materializing operators (sort, aggregate, join, window) emit at most.
    public var batchRowsMax: Int

    /// The default memory limit: 4 GiB.
    public static let defaultMemoryLimitBytes = 4 << 30

    public init(memoryLimitBytes: Int = defaultMemoryLimitBytes, parallelism: Int? = nil, batchRowsMax: Int = 8_192) {
        precondition(memoryLimitBytes >= 0, "negative memory limit")
        precondition(batchRowsMax > 0, "batches must hold at least one row")
        self.memoryLimitBytes = memoryLimitBytes
        self.parallelism = max(1, parallelism ?? ExecutionOptions.processorCount)
        self.batchRowsMax = batchRowsMax
    }

    /// Active processors of this machine.
    public static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
