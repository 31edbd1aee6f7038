import Dispatch
import LakeColumnar
import Synchronization

/// Runs one function over many morsels (input batches, or any independent pieces of work) on up to
/// `parallelism` threads and returns the results in morsel order, so the output order never depends on thread
/// timing.
///
/// Workers take the next morsel index from a shared counter (morsel-driven scheduling: a slow morsel does not
/// hold back the others). The first error by morsel index is thrown. Spec: spec/executor.md (parallelism)
enum MorselScheduler {
    static func map<Input: Sendable, Output: Sendable>(
        _ morsels: [Input], parallelism: Int, _ work: @escaping @Sendable (Input) throws(ExecutionError) -> Output
    ) throws(ExecutionError) -> [Output] {
        if morsels.count <= 1 || parallelism <= 1 {
            var outputs: [Output] = []
            for morsel in morsels { outputs.append(try work(morsel)) }
            return outputs
        }
        let state = MorselState<Output>(count: morsels.count)
        let workers = min(parallelism, morsels.count)
        let body: @Sendable (Int) -> Void = { _ in
            for _ in 0..<morsels.count {
                guard let index = state.claim() else { return }
                state.store(index, Result { () throws(ExecutionError) in try work(morsels[index]) })
            }
        }
        DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        return try state.results()
    }
}

/// The shared counter and result slots of one `MorselScheduler.map` call.
private final class MorselState<Output: Sendable>: Sendable {
    private let next = Mutex(0)
    private let slots: Mutex<[Result<Output, ExecutionError>?]>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func claim() -> Int? {
        next.withLock { value in
            guard value < count else { return nil }
            defer { value += 1 }
            return value
        }
    }

    func store(_ index: Int, _ result: Result<Output, ExecutionError>) {
        slots.withLock { $0[index] = result }
    }

    func results() throws(ExecutionError) -> [Output] {
        let all = slots.withLock { $0 }
        var outputs: [Output] = []
        outputs.reserveCapacity(all.count)
        for slot in all {
            switch slot {
            case .success(let output)?: outputs.append(output)
            case .failure(let error)?: throw error
            case nil: preconditionFailure("a morsel was not processed")
            }
        }
        return outputs
    }
}

/// Pulls rounds of `parallelism` batches from a child, transforms them in parallel, and hands the non-empty
/// results out in input order: the engine of the streaming parallel operators (filter, project).
struct OrderedMorselStream {
    let parallelism: Int
    let transform: @Sendable (Batch) throws(ExecutionError) -> Batch
    private var ready: [Batch] = []
    private var position = 0
    private var finished = false

    init(parallelism: Int, transform: @escaping @Sendable (Batch) throws(ExecutionError) -> Batch) {
        self.parallelism = parallelism
        self.transform = transform
    }

    mutating func next(from child: any PhysicalOperator) throws(ExecutionError) -> Batch? {
        for _ in 0..<Int.max {
            if position < ready.count {
                defer { position += 1 }
                return ready[position]
            }
            if finished { return nil }
            var morsels: [Batch] = []
            while morsels.count < max(1, parallelism) {
                guard let batch = try child.next() else {
                    finished = true
                    break
                }
                morsels.append(batch)
            }
            ready = try MorselScheduler.map(morsels, parallelism: parallelism, transform).filter { $0.rowCount > 0 }
            position = 0
        }
        return nil
    }
}
