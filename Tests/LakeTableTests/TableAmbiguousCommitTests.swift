import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Synchronization
import Testing

/// Commits whose `putIfAbsent` fails with an I/O error after possibly succeeding (§10.1 step 6).
@Suite struct TableAmbiguousCommitTests {
    /// A store whose first `putIfAbsent` of a commit file lets `beforeFailing` run (for example, another writer
    /// taking the version), then optionally performs the put, then throws an I/O error.
    final class AmbiguousCommitStore: ObjectStore, Sendable {
        let base: any ObjectStore
        let performsPut: Bool
        let beforeFailing: @Sendable (any ObjectStore, String) throws -> Void
        private let failed = Mutex(false)

        init(
            base: any ObjectStore, performsPut: Bool,
            beforeFailing: @escaping @Sendable (any ObjectStore, String) throws -> Void = { _, _ in }
        ) {
            self.base = base
            self.performsPut = performsPut
            self.beforeFailing = beforeFailing
        }

        func list(prefix: String, after start: String?) throws -> [ObjectInfo] {
            try base.list(prefix: prefix, after: start)
        }
        func head(_ path: String) throws -> ObjectInfo { try base.head(path) }
        func read(_ path: String, range: Range<Int64>?) throws -> [UInt8] { try base.read(path, range: range) }
        func put(_ path: String, _ bytes: [UInt8]) throws { try base.put(path, bytes) }
        func delete(_ path: String) throws { try base.delete(path) }
        func makeWriter(_ path: String) throws -> any ObjectWriter { try base.makeWriter(path) }

        func putIfAbsent(_ path: String, _ bytes: [UInt8]) throws {
            let first =
                path.contains("_delta_log/")
                && failed.withLock { done in
                    defer { done = true }
                    return !done
                }
            guard first else { return try base.putIfAbsent(path, bytes) }
            try beforeFailing(base, path)
            if performsPut { try base.putIfAbsent(path, bytes) }
            throw ObjectStoreError.io(path: path, operation: "putIfAbsent", code: 110, message: "timed out")
        }
    }

    static func table(_ scratch: ScratchDirectory) throws -> Table {
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        return table
    }

    static func commitCount(_ scratch: ScratchDirectory) throws -> Int {
        try scratch.store.list(prefix: "t/_delta_log/", after: nil).filter { $0.path.hasSuffix(".json") }.count
    }

    @Test func putThatTookEffectIsRecognisedAsOurCommit() throws {
        let scratch = try ScratchDirectory("ambiguous-took-effect")
        try Self.table(scratch)
        let store = AmbiguousCommitStore(base: scratch.store, performsPut: true)
        let batch = TableRows.batch(0..<10, seed: 901)
        #expect(try Table(store: store, root: "t").append([batch]) == .committed(version: 1))
        #expect(try Self.commitCount(scratch) == 2, "no duplicate commit at version 2")
        let clean = Table(store: scratch.store, root: "t")
        #expect(TableRows.canonical(try clean.scan().readAll()) == TableRows.canonical([batch]))
    }

    @Test func putThatDidNotTakeEffectIsRetriedOnce() throws {
        let scratch = try ScratchDirectory("ambiguous-no-effect")
        try Self.table(scratch)
        let store = AmbiguousCommitStore(base: scratch.store, performsPut: false)
        #expect(
            try Table(store: store, root: "t").append([TableRows.batch(0..<5, seed: 902)]) == .committed(version: 1))
        #expect(try Self.commitCount(scratch) == 2)
    }

    @Test func versionTakenByAnotherWriterDuringTheFailureIsALostRace() throws {
        let scratch = try ScratchDirectory("ambiguous-other-writer")
        try Self.table(scratch)
        let theirs = TableRows.batch(100..<103, seed: 903)
        let store = AmbiguousCommitStore(base: scratch.store, performsPut: false) { base, _ in
            try Table(store: base, root: "t").append([theirs])
        }
        let ours = TableRows.batch(0..<4, seed: 904)
        #expect(try Table(store: store, root: "t").append([ours]) == .committed(version: 2))
        let clean = Table(store: scratch.store, root: "t")
        #expect(TableRows.canonical(try clean.scan().readAll()) == TableRows.canonical([ours, theirs]))
        #expect(try Self.commitCount(scratch) == 3)
    }

    @Test func twoFailuresSurfaceTheError() throws {
        let scratch = try ScratchDirectory("ambiguous-two-failures")
        try Self.table(scratch)
        let faulty = FaultyObjectStore(
            wrapping: scratch.store,
            .init(
                seed: 905, mutationFailureProbability: 1, failingOperations: ["putIfAbsent"],
                ambiguousFailureFraction: 0))
        let error = #expect(throws: TableLogError.self) {
            try Table(store: faulty, root: "t").append([TableRows.batch(0..<3, seed: 906)])
        }
        guard case .io = error else {
            Issue.record("expected an io error, got \(String(describing: error))")
            return
        }
        #expect(faulty.faults.count == 2, "the put is retried once")
        #expect(try Table(store: scratch.store, root: "t").snapshot().version == 0)
    }
}
