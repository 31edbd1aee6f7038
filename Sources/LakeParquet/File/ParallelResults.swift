import Synchronization

/// Results of parallel tasks by index; the first failure (by index) is rethrown by `values()`.
final class ParallelResults<Value: Sendable>: Sendable {
    private let slots: Mutex<[Result<Value, ParquetError>?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ index: Int, _ body: () throws(ParquetError) -> Value) {
        let result: Result<Value, ParquetError>
        do {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
        slots.withLock { $0[index] = result }
    }

    func values() throws(ParquetError) -> [Value] {
        let all = slots.withLock { $0 }
        var values: [Value] = []
        values.reserveCapacity(all.count)
        for slot in all {
            switch slot {
            case .success(let value)?: values.append(value)
            case .failure(let error)?: throw error
            case nil: preconditionFailure("a parallel task did not store its result")
            }
        }
        return values
    }
}
