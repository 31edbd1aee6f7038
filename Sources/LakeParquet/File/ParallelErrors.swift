import Synchronization

/// Collects the first error of each parallel task, by task index, so the caller can rethrow deterministically.
final class ParallelErrors: Sendable {
    private let errors: Mutex<[ParquetError?]>

    init(count: Int) {
        errors = Mutex(Array(repeating: nil, count: count))
    }

    func record(_ error: ParquetError, at index: Int) {
        errors.withLock { $0[index] = error }
    }

    /// The error of the lowest-numbered task that failed.
    var first: ParquetError? {
        errors.withLock { list in list.lazy.compactMap { $0 }.first }
    }
}
