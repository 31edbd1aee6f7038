#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LakeCore
import Synchronization

/// An `ObjectStore` that wraps another and injects seeded faults, for proving that the layers above survive
/// failing, slow and crashing storage.
///
/// Mutating calls are `put`, `putIfAbsent`, `delete`, `makeWriter` and a returned writer's `write` and `finish`.
/// Each may fail with an injected `ObjectStoreError.io` (operation `injected <call>`), either before it reaches
/// the wrapped store (nothing happened) or after it took effect there (an ambiguous failure: the object exists but
/// the caller sees an error). Reads (`list`, `head`, `read`) may fail before they run. Any call may be delayed.
///
/// Crash mode (`crashAfterMutations = n`): the first `n` mutating calls proceed normally; from then on every call,
/// reads included, throws, as if the process had died. A writer's `abort` is always forwarded (a dead process
/// leaves temporaries behind, which the wrapped store's own writer cleans up when released anyway).
///
/// All decisions come from one `SeededGenerator` under a lock, so a single-threaded run is reproducible from its
/// seed; with several threads the interleaving decides which call draws which number. Thread-safe.
public final class FaultyObjectStore: ObjectStore, Sendable {
    /// What to inject. Probabilities are per call, in `0...1`.
    public struct Configuration: Sendable, Hashable {
        public var seed: UInt64
        /// Probability that a mutating call other than a writer's `write` fails.
        public var mutationFailureProbability: Double
        /// Probability that a writer's `write` fails (a data file takes many writes, so this is usually lower).
        public var streamWriteFailureProbability: Double
        /// When set, only calls with these names (`putIfAbsent`, `finish`, `read`, ...) fail; delays and crashes
        /// still apply to every call.
        public var failingOperations: Set<String>?
        /// Of the failing mutating calls, the fraction that fail after the wrapped store performed them.
        public var ambiguousFailureFraction: Double
        /// Probability that a read (`list`, `head`, `read`) fails.
        public var readFailureProbability: Double
        /// Probability that a call sleeps up to `delayMicrosecondsMax` before running.
        public var delayProbability: Double
        public var delayMicrosecondsMax: Int
        /// When set, every call after this many mutating calls throws.
        public var crashAfterMutations: Int?

        public init(
            seed: UInt64, mutationFailureProbability: Double = 0, streamWriteFailureProbability: Double = 0,
            failingOperations: Set<String>? = nil, ambiguousFailureFraction: Double = 0.5,
            readFailureProbability: Double = 0, delayProbability: Double = 0, delayMicrosecondsMax: Int = 200,
            crashAfterMutations: Int? = nil
        ) {
            self.seed = seed
            self.mutationFailureProbability = mutationFailureProbability
            self.streamWriteFailureProbability = streamWriteFailureProbability
            self.failingOperations = failingOperations
            self.ambiguousFailureFraction = ambiguousFailureFraction
            self.readFailureProbability = readFailureProbability
            self.delayProbability = delayProbability
            self.delayMicrosecondsMax = delayMicrosecondsMax
            self.crashAfterMutations = crashAfterMutations
        }
    }

    /// How an injected fault hit a call.
    public enum FaultKind: String, Sendable, Hashable {
        /// The call failed without reaching the wrapped store.
        case failedBefore
        /// The call took effect in the wrapped store, then failed.
        case failedAfter
        /// The call was refused because the store has crashed.
        case crashed
        /// The call was delayed (it then ran normally unless another fault hit it).
        case delayed
    }

    /// One injected fault: the call (`put`, `putIfAbsent`, `delete`, `makeWriter`, `write`, `finish`, `list`,
    /// `head`, `read`), the path it concerned and how it was hit.
    public struct Fault: Sendable, Hashable {
        public var operation: String
        public var path: String
        public var kind: FaultKind
    }

    private struct State {
        var generator: SeededGenerator
        var mutationCount = 0
        var isCrashed = false
        var faults: [Fault] = []
        var finishedPaths: [String] = []
    }

    private enum Decision { case proceed, failBefore, failAfter }

    public let base: any ObjectStore
    public let configuration: Configuration
    private let state: Mutex<State>

    public init(wrapping base: any ObjectStore, _ configuration: Configuration) {
        self.base = base
        self.configuration = configuration
        state = Mutex(State(generator: SeededGenerator(seed: configuration.seed)))
    }

    /// Every fault injected so far, in the order they were injected.
    public var faults: [Fault] { state.withLock { $0.faults } }

    /// How many faults of `kind` were injected.
    public func faultCount(_ kind: FaultKind) -> Int { state.withLock { $0.faults.count(where: { $0.kind == kind }) } }

    /// Mutating calls seen so far (including refused ones).
    public var mutationCount: Int { state.withLock { $0.mutationCount } }

    /// Whether crash mode has triggered.
    public var isCrashed: Bool { state.withLock { $0.isCrashed } }

    /// Paths whose writer's `finish` reached the wrapped store and succeeded there (even if the caller then saw an
    /// injected failure).
    public var finishedWriterPaths: [String] { state.withLock { $0.finishedPaths } }

    // MARK: ObjectStore

    public func list(prefix: String, after start: String?) throws -> [ObjectInfo] {
        try read(operation: "list", path: prefix) { try base.list(prefix: prefix, after: start) }
    }

    public func head(_ path: String) throws -> ObjectInfo {
        try read(operation: "head", path: path) { try base.head(path) }
    }

    public func read(_ path: String, range: Range<Int64>?) throws -> [UInt8] {
        try read(operation: "read", path: path) { try base.read(path, range: range) }
    }

    public func put(_ path: String, _ bytes: [UInt8]) throws {
        try mutate(operation: "put", path: path) { try base.put(path, bytes) }
    }

    public func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
        try mutate(operation: "putIfAbsent", path: path) { try base.putIfAbsent(path, bytes) }
    }

    public func delete(_ path: String) throws {
        try mutate(operation: "delete", path: path) { try base.delete(path) }
    }

    public func makeWriter(_ path: String) throws -> any ObjectWriter {
        let writer = try mutate(operation: "makeWriter", path: path) { try base.makeWriter(path) }
        return FaultyObjectWriter(store: self, path: path, base: writer)
    }

    // MARK: Injection

    private func read<T>(operation: String, path: String, _ body: () throws -> T) throws -> T {
        let decision = try decide(operation: operation, path: path, isMutating: false)
        if decision != .proceed { throw Self.injectedError(operation, path) }
        return try body()
    }

    func mutate<T>(operation: String, path: String, _ body: () throws -> T) throws -> T {
        let decision = try decide(operation: operation, path: path, isMutating: true)
        if decision == .failBefore { throw Self.injectedError(operation, path) }
        let result = try body()
        if operation == "finish" { state.withLock { $0.finishedPaths.append(path) } }
        if decision == .failAfter { throw Self.injectedError(operation, path) }
        return result
    }

    private func decide(operation: String, path: String, isMutating: Bool) throws -> Decision {
        let configuration = self.configuration
        let (decision, delayMicroseconds) = try state.withLock { state throws -> (Decision, Int) in
            if state.isCrashed {
                state.faults.append(Fault(operation: operation, path: path, kind: .crashed))
                throw Self.crashedError(operation, path)
            }
            if isMutating {
                state.mutationCount += 1
                if let limit = configuration.crashAfterMutations {
                    if state.mutationCount > limit {
                        state.isCrashed = true
                        state.faults.append(Fault(operation: operation, path: path, kind: .crashed))
                        throw Self.crashedError(operation, path)
                    }
                    if state.mutationCount == limit { state.isCrashed = true }
                }
            }
            var delay = 0
            if Double.random(in: 0..<1, using: &state.generator) < configuration.delayProbability {
                delay = Int.random(in: 0...max(0, configuration.delayMicrosecondsMax), using: &state.generator)
                state.faults.append(Fault(operation: operation, path: path, kind: .delayed))
            }
            var failure = isMutating ? configuration.mutationFailureProbability : configuration.readFailureProbability
            if operation == "write" { failure = configuration.streamWriteFailureProbability }
            if let names = configuration.failingOperations, !names.contains(operation) { failure = 0 }
            guard Double.random(in: 0..<1, using: &state.generator) < failure else { return (.proceed, delay) }
            let after =
                isMutating && Double.random(in: 0..<1, using: &state.generator) < configuration.ambiguousFailureFraction
            state.faults.append(Fault(operation: operation, path: path, kind: after ? .failedAfter : .failedBefore))
            return (after ? .failAfter : .failBefore, delay)
        }
        if delayMicroseconds > 0 { usleep(UInt32(delayMicroseconds)) }
        return decision
    }

    static func injectedError(_ operation: String, _ path: String) -> ObjectStoreError {
        .io(path: path, operation: "injected \(operation)", code: EIO, message: "injected fault")
    }

    static func crashedError(_ operation: String, _ path: String) -> ObjectStoreError {
        .io(path: path, operation: "injected \(operation)", code: EIO, message: "store crashed")
    }
}

/// The writer `FaultyObjectStore.makeWriter` returns: `write` and `finish` are mutating calls of the store.
final class FaultyObjectWriter: ObjectWriter {
    private let store: FaultyObjectStore
    private let path: String
    private let base: any ObjectWriter
    private var isClosed = false

    init(store: FaultyObjectStore, path: String, base: any ObjectWriter) {
        self.store = store
        self.path = path
        self.base = base
    }

    var bytesWritten: Int64 { base.bytesWritten }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !isClosed else {
            throw ObjectStoreError.io(path: path, operation: "write", code: EBADF, message: "writer is closed")
        }
        try store.mutate(operation: "write", path: path) { try base.write(bytes) }
    }

    func finish() throws {
        guard !isClosed else {
            throw ObjectStoreError.io(path: path, operation: "finish", code: EBADF, message: "writer is closed")
        }
        do {
            try store.mutate(operation: "finish", path: path) {
                isClosed = true
                try base.finish()
            }
        } catch {
            // A finish that failed before reaching the wrapped writer leaves it open: discard it, as a caller that
            // gives up on the object would.
            if !isClosed { base.abort() }
            isClosed = true
            throw error
        }
    }

    func abort() {
        if !isClosed { base.abort() }
        isClosed = true
    }
}
