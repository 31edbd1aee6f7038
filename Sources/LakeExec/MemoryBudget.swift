import Synchronization

/// The bytes a query's materializing operators may hold, shared by all of them.
///
/// Operators reserve before they grow and release what they free; a reservation past the limit throws
/// `ExecutionError.memoryLimitExceeded` instead of growing. Sizes are estimates of the arrays held (values,
/// offsets, hash-table entries), not of allocator overhead. Thread-safe.
///
/// Spec: spec/executor.md (memory limit)
public final class MemoryBudget: Sendable {
    public let limitBytes: Int
    private let used: Mutex<Int>

    public init(limitBytes: Int) {
        precondition(limitBytes >= 0, "negative memory limit")
        self.limitBytes = limitBytes
        used = Mutex(0)
    }

    /// Bytes reserved now.
    public var usedBytes: Int { used.withLock { $0 } }

    /// Reserves `bytes` more for `operatorName`.
    /// - Throws: `ExecutionError.memoryLimitExceeded` (reserving nothing) when the total would pass the limit.
    public func reserve(_ bytes: Int, for operatorName: String) throws(ExecutionError) {
        guard bytes > 0 else { return }
        let outcome: Int? = used.withLock { total in
            let (sum, overflow) = total.addingReportingOverflow(bytes)
            guard !overflow, sum <= limitBytes else { return sum }
            total = sum
            return nil
        }
        if let requested = outcome {
            throw .memoryLimitExceeded(operator: operatorName, limitBytes: limitBytes, requestedBytes: requested)
        }
    }

    /// Returns `bytes` reserved earlier.
    public func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        used.withLock { $0 = max(0, $0 - bytes) }
    }
}
