import Dispatch
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Synchronization
import Testing

/// Issue 3's reliability requirement: whatever a seeded faulty store does to a sequence of writes, the table opens
/// at a committed version, every committed version holds exactly the rows of the operations committed up to it, no
/// committed data file is lost, and files no version references stay until VACUUM removes exactly them.
@Suite struct TableFaultInjectionTests {
    /// One write of the workload. `run` tags appends and overwrites with a transaction whose version is the
    /// operation's index, so the log names the operation that made each version.
    enum Operation {
        case append(Batch)
        case overwrite(Batch)
        case delete(idsBelow: Int64)
    }

    static let appId = "fault-workload"
    /// Far beyond any clock used to write, so VACUUM's cutoff lies after every file and commit.
    static let farFutureMillis: Int64 = 4_000_000_000_000

    /// Rows keyed by id, in canonical form.
    typealias Rows = [Int64: [String: String]]

    static func workload(seed: UInt64) -> [Operation] {
        var generator = SeededGenerator(seed: seed)
        var operations: [Operation] = []
        var nextId: Int64 = 0
        func batch() -> Batch {
            let count = Int64.random(in: 1...12, using: &generator)
            defer { nextId += count }
            return TableRows.batch(nextId..<nextId + count, seed: generator.next())
        }
        for _ in 0..<4 { operations.append(.append(batch())) }
        operations.append(.overwrite(batch()))
        for _ in 0..<3 { operations.append(.append(batch())) }
        operations.append(.delete(idsBelow: nextId - 8))
        for _ in 0..<2 { operations.append(.append(batch())) }
        return operations
    }

    static func apply(_ operation: Operation, to rows: Rows) -> Rows {
        switch operation {
        case .append(let batch): rows.merging(keyed(batch)) { _, new in new }
        case .overwrite(let batch): keyed(batch)
        case .delete(let limit): rows.filter { $0.key >= limit }
        }
    }

    static func keyed(_ batch: Batch) -> Rows {
        var rows: Rows = [:]
        for row in TableRows.canonical([batch]) {
            if let id = row["id"].flatMap({ Int64($0.dropFirst(2)) }) { rows[id] = row }
        }
        return rows
    }

    static func scannedRows(_ table: Table, version: Int64) throws -> [[String: String]] {
        TableRows.canonical(try table.scan(version: version).readAll())
    }

    /// Runs `operations` through `table`; returns each one's outcome (nil when it threw).
    static func run(_ operations: [Operation], on table: Table) -> [CommitOutcome?] {
        operations.enumerated().map { index, operation in
            let txn = TransactionAction(appId: appId, version: Int64(index))
            switch operation {
            case .append(let batch): return try? table.append([batch], txn: txn)
            case .overwrite(let batch): return try? table.overwrite([batch], txn: txn)
            case .delete(let limit): return try? table.delete(where: [ParquetPredicate("id", .less, .int(limit))])
            }
        }
    }

    /// Creates the table, retrying a failed create (an ambiguous failure may have committed it already).
    static func createWithRetries(_ table: Table) -> Bool {
        for _ in 0..<6 {
            do {
                try table.create(schema: TableRows.schema)
                return true
            } catch .tableExists {
                return true
            } catch {
                continue
            }
        }
        return false
    }

    /// Which workload operation each version 1...latest committed, read from the log: appends and overwrites by
    /// their transaction version, the delete by its `commitInfo.operation`.
    static func committedOperations(
        _ table: Table, latest: Int64, operations: [Operation], seed: UInt64
    ) throws -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        var previous = -1
        guard latest >= 1 else { return result }
        for version in 1...latest {
            let snapshot = try table.snapshot(version: version)
            let index: Int
            if snapshot.commitInfo?.operation == "DELETE" {
                guard
                    let deleteIndex = operations.indices.first(where: {
                        if case .delete = operations[$0] { return $0 > previous }
                        return false
                    })
                else {
                    Issue.record("seed \(seed): version \(version) is a DELETE the workload did not run now")
                    return result
                }
                index = deleteIndex
            } else {
                index = Int(snapshot.transactionVersion(appId: appId) ?? -1)
            }
            #expect(index > previous, "seed \(seed): version \(version) repeats or reorders operation \(index)")
            previous = index
            result[version] = index
        }
        return result
    }

    @Test(arguments: 1...24 as ClosedRange<UInt64>)
    func tableSurvivesSeededStorageFaults(seed: UInt64) throws {
        let scratch = try ScratchDirectory("faults-\(seed)")
        let faulty = FaultyObjectStore(
            wrapping: scratch.store,
            .init(
                seed: seed, mutationFailureProbability: 0.15, streamWriteFailureProbability: 0.004,
                ambiguousFailureFraction: 0.5,
                readFailureProbability: 0.02, delayProbability: 0.05, delayMicrosecondsMax: 100))
        let operations = Self.workload(seed: seed)
        let faultyTable = Table(store: faulty, root: "t")
        let created = Self.createWithRetries(faultyTable)
        let outcomes = created ? Self.run(operations, on: faultyTable) : operations.map { _ in nil }
        #expect(faulty.faultCount(.failedBefore) + faulty.faultCount(.failedAfter) > 0, "seed \(seed): no faults")

        let clean = Table(store: scratch.store, root: "t")
        let hasCommits = try !scratch.store.list(prefix: "t/_delta_log/", after: nil).isEmpty
        guard hasCommits else {
            #expect(!created, "seed \(seed): create reported success but no table opens")
            return
        }
        let latest = try clean.snapshot().version
        let commits = try Self.commitAndStrayPaths(scratch.store)
        #expect(
            commits == (0...latest).map { "t/_delta_log/" + LogFileName.commitName($0) },
            "seed \(seed): the log has gaps or stray objects")

        // The oracle: the log says which operations committed; each version holds exactly their effect in order.
        let committed = try Self.committedOperations(clean, latest: latest, operations: operations, seed: seed)
        var expected: Rows = [:]
        #expect(try Self.scannedRows(clean, version: 0).isEmpty, "seed \(seed)")
        var referenced: Set<String> = []
        for version in 0...latest {
            if let index = committed[version] { expected = Self.apply(operations[index], to: expected) }
            let rows = try Self.scannedRows(clean, version: version)
            let want = expected.keys.sorted().compactMap { expected[$0] }
            #expect(rows == want, "seed \(seed): version \(version) rows differ from the committed operations")
            for file in try clean.snapshot(version: version).files {
                referenced.insert(file.path)
                #expect(
                    (try? scratch.store.head("t/" + file.path)) != nil,
                    "seed \(seed): version \(version) references missing \(file.path)")
            }
        }

        // Every reported success is in the log at its version; a failure that committed was ambiguous.
        let indexByVersion = committed
        let versionByIndex = Dictionary(uniqueKeysWithValues: indexByVersion.map { ($0.value, $0.key) })
        let ambiguousCommits = Set(
            faulty.faults.filter { $0.kind == .failedAfter && $0.operation == "putIfAbsent" }.map(\.path))
        for (index, outcome) in outcomes.enumerated() {
            if let outcome {
                #expect(
                    versionByIndex[index] == outcome.version,
                    "seed \(seed): operation \(index) reported \(outcome), the log has \(versionByIndex[index] ?? -1)")
            } else if let version = versionByIndex[index] {
                #expect(
                    ambiguousCommits.contains("t/_delta_log/" + LogFileName.commitName(version)),
                    "seed \(seed): operation \(index) failed without an ambiguous commit yet committed \(version)")
            }
        }

        // Nothing but VACUUM deletes: every data file the faulty run published is still there.
        #expect(!faulty.faults.contains { $0.operation == "delete" }, "seed \(seed)")
        let dataFiles = Set(
            try scratch.store.list(prefix: "t/", after: nil).map { String($0.path.dropFirst(2)) }
                .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.contains("/.") })
        for path in faulty.finishedWriterPaths {
            #expect(dataFiles.contains(String(path.dropFirst(2))), "seed \(seed): published \(path) vanished")
        }
        #expect(referenced.isSubset(of: dataFiles), "seed \(seed)")

        // VACUUM far in the future removes exactly what the latest version does not read: orphans and history.
        let live = Set(try clean.snapshot().files.map(\.path))
        let vacuumer = Table(store: scratch.store, root: "t", clock: .fixed(Self.farFutureMillis))
        let report = try vacuumer.vacuum(retentionHours: 0, allowShortRetention: true)
        #expect(Set(report.files.map(\.path)) == dataFiles.subtracting(live), "seed \(seed)")
        let remaining = Set(
            try scratch.store.list(prefix: "t/", after: nil).map { String($0.path.dropFirst(2)) }
                .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.contains("/.") })
        #expect(remaining == live, "seed \(seed)")
        let finalRows = TableRows.canonical(try clean.scan().readAll())
        #expect(finalRows == expected.keys.sorted().compactMap { expected[$0] }, "seed \(seed): vacuum changed rows")
    }

    @Test func commitThatFailsAfterTakingEffectIsCommittedOnce() throws {
        let scratch = try ScratchDirectory("faults-ambiguous")
        let setup = Table(store: scratch.store, root: "t")
        try setup.create(schema: TableRows.schema)
        let faulty = FaultyObjectStore(
            wrapping: scratch.store,
            .init(
                seed: 9, mutationFailureProbability: 1, failingOperations: ["putIfAbsent"],
                ambiguousFailureFraction: 1))
        let batch = TableRows.batch(0..<10, seed: 74)
        #expect(try Table(store: faulty, root: "t").append([batch]) == .committed(version: 1))
        #expect(faulty.faults.map(\.kind) == [.failedAfter])
        let clean = Table(store: scratch.store, root: "t")
        #expect(try clean.snapshot().version == 1)
        #expect(TableRows.canonical(try clean.scan().readAll()) == TableRows.canonical([batch]))
        // Retrying with the same application transaction is recognised as already applied.
        let txn = TransactionAction(appId: "job", version: 1)
        #expect(try Table(store: faulty, root: "t").append([batch], txn: txn) == .committed(version: 2))
        #expect(try clean.append([batch], txn: txn) == .alreadyApplied(version: 2))
        #expect(try clean.scan().readAll().reduce(0) { $0 + $1.rowCount } == 20)
    }

    /// One write of the crash test, run against a table holding ids 0..<20 at version 1.
    static let crashingWrites: [(String, Operation)] = [
        ("append", .append(TableRows.batch(100..<130, seed: 71))),
        ("overwrite", .overwrite(TableRows.batch(200..<210, seed: 72))),
        ("delete", .delete(idsBelow: 7)),
    ]

    @Test func crashAfterEveryMutationLeavesTheOldOrTheNewVersion() throws {
        let base = TableRows.batch(0..<20, seed: 70)
        let before = Self.keyed(base)
        for (name, operation) in Self.crashingWrites {
            var crashPoint = 0
            var completed = false
            while !completed && crashPoint < 60 {
                let scratch = try ScratchDirectory("crash-\(name)-\(crashPoint)")
                let setup = Table(store: scratch.store, root: "t")
                try setup.create(schema: TableRows.schema)
                try setup.append([base])
                let faulty = FaultyObjectStore(
                    wrapping: scratch.store, .init(seed: UInt64(crashPoint), crashAfterMutations: crashPoint))
                let outcome = Self.run([operation], on: Table(store: faulty, root: "t"))[0]
                completed = !faulty.isCrashed || outcome != nil
                let context = "\(name) crashed after \(crashPoint) mutations"

                let clean = Table(store: scratch.store, root: "t")
                let version = try clean.snapshot().version
                #expect(version == 1 || version == 2, "\(context): opens at \(version)")
                if outcome != nil { #expect(version == 2, "\(context): reported success, latest \(version)") }
                let expected = version == 2 ? Self.apply(operation, to: before) : before
                #expect(
                    TableRows.canonical(try clean.scan().readAll())
                        == expected.keys.sorted().compactMap { expected[$0] },
                    "\(context): rows are neither the old nor the new version")
                #expect(TableRows.canonical(try clean.scan(version: 1).readAll()) == TableRows.canonical([base]))

                // The table stays writable, and VACUUM removes exactly what the latest version cannot read.
                let next = try clean.append([TableRows.batch(500..<501, seed: 73)])
                #expect(next.version == version + 1, "\(context)")
                let live = Set(try clean.snapshot().files.map(\.path))
                let report = try Table(store: scratch.store, root: "t", clock: .fixed(Self.farFutureMillis))
                    .vacuum(retentionHours: 0, allowShortRetention: true)
                let remaining = Set(
                    try scratch.store.list(prefix: "t/", after: nil).map { String($0.path.dropFirst(2)) }
                        .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.contains("/.") })
                #expect(remaining == live, "\(context): vacuum left \(remaining.subtracting(live))")
                #expect(report.files.allSatisfy { !live.contains($0.path) }, "\(context)")
                crashPoint += 1
            }
            #expect(completed, "\(name) never completed within 60 mutations")
            #expect(crashPoint > 1, "\(name): the crash sweep covered no intermediate point")
        }
    }
    @Test func vacuumCrashingAfterEveryMutationKeepsTheLatestVersionReadable() throws {
        let finalBatch = TableRows.batch(100..<105, seed: 77)
        var crashPoint = 0
        var completed = false
        while !completed && crashPoint < 20 {
            let scratch = try ScratchDirectory("crash-vacuum-\(crashPoint)")
            let setup = Table(store: scratch.store, root: "t")
            try setup.create(schema: TableRows.schema)
            try setup.append([TableRows.batch(0..<10, seed: 75)])
            try setup.append([TableRows.batch(10..<20, seed: 76)])
            try setup.overwrite([finalBatch])
            try scratch.store.put("t/part-orphan.snappy.parquet", [1, 2, 3])
            let live = Set(try setup.snapshot().files.map(\.path))
            let dataFiles = { () throws -> Set<String> in
                Set(
                    try scratch.store.list(prefix: "t/", after: nil).map { String($0.path.dropFirst(2)) }
                        .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.contains("/.") })
            }
            let doomed = try dataFiles().subtracting(live)
            #expect(doomed.count == 3)

            let faulty = FaultyObjectStore(
                wrapping: scratch.store, .init(seed: UInt64(crashPoint), crashAfterMutations: crashPoint))
            let report = try? Table(store: faulty, root: "t", clock: .fixed(Self.farFutureMillis))
                .vacuum(retentionHours: 0, allowShortRetention: true)
            completed = report != nil
            let context = "vacuum crashed after \(crashPoint) mutations"

            let clean = Table(store: scratch.store, root: "t")
            let version = try clean.snapshot().version
            #expect((3...5).contains(version), "\(context): opens at \(version)")
            #expect(
                TableRows.canonical(try clean.scan().readAll()) == TableRows.canonical([finalBatch]), "\(context)")
            let present = try dataFiles()
            #expect(live.isSubset(of: present), "\(context): a live file was deleted")
            if version == 3 { #expect(present == live.union(doomed), "\(context): deleted before VACUUM START") }
            if let report { #expect(Set(report.files.map(\.path)) == doomed, "\(context)") }

            _ = try Table(store: scratch.store, root: "t", clock: .fixed(Self.farFutureMillis))
                .vacuum(retentionHours: 0, allowShortRetention: true)
            #expect(try dataFiles() == live, "\(context): a second VACUUM does not finish the job")
            crashPoint += 1
        }
        #expect(completed, "vacuum never completed within 20 mutations")
        #expect(crashPoint > 3, "the crash sweep covered the deletes")
    }
    @Test(arguments: 1...4 as ClosedRange<UInt64>)
    func racingAppendersOverAFaultyStoreCommitEachBatchAtMostOnce(seed: UInt64) throws {
        let scratch = try ScratchDirectory("faults-race-\(seed)")
        try Table(store: scratch.store, root: "t").create(schema: TableRows.schema)
        let faulty = FaultyObjectStore(
            wrapping: scratch.store,
            .init(
                seed: seed, mutationFailureProbability: 0.15, streamWriteFailureProbability: 0.004,
                readFailureProbability: 0.02))
        let table = Table(store: faulty, root: "t")
        let threads = 4
        let appendsPerThread = 6
        let batches = (0..<threads * appendsPerThread).map { index in
            TableRows.batch(Int64(index) * 10..<Int64(index) * 10 + 1 + Int64(index % 7), seed: seed &+ UInt64(index))
        }
        let outcomes = Mutex<[Int: CommitOutcome]>([:])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for step in 0..<appendsPerThread {
                let index = thread * appendsPerThread + step
                if let outcome = try? table.append([batches[index]]) { outcomes.withLock { $0[index] = outcome } }
            }
        }

        // Each version adds exactly one whole batch, identified by its first id.
        let clean = Table(store: scratch.store, root: "t")
        let latest = try clean.snapshot().version
        let commits = try Self.commitAndStrayPaths(scratch.store)
        #expect(commits == (0...latest).map { "t/_delta_log/" + LogFileName.commitName($0) }, "seed \(seed)")
        var previous: [[String: String]] = []
        var batchByVersion: [Int64: Int] = [:]
        for version in 0...latest {
            let rows = TableRows.canonical(try clean.scan(version: version).readAll())
            if version > 0 {
                let added = rows.filter { !previous.contains($0) }
                let index = added.first.flatMap { $0["id"] }.flatMap { Int64($0.dropFirst(2)) }.map { Int($0 / 10) }
                guard let index, index < batches.count else {
                    Issue.record("seed \(seed): version \(version) adds no workload batch")
                    break
                }
                #expect(added == TableRows.canonical([batches[index]]), "seed \(seed): version \(version)")
                #expect(rows.count == previous.count + added.count, "seed \(seed): version \(version) lost rows")
                #expect(!batchByVersion.values.contains(index), "seed \(seed): batch \(index) committed twice")
                batchByVersion[version] = index
            }
            previous = rows
        }
        let versionByBatch = Dictionary(uniqueKeysWithValues: batchByVersion.map { ($0.value, $0.key) })
        let ambiguousCommits = Set(
            faulty.faults.filter { $0.kind == .failedAfter && $0.operation == "putIfAbsent" }.map(\.path))
        for index in batches.indices {
            if let outcome = outcomes.withLock({ $0[index] }) {
                #expect(versionByBatch[index] == outcome.version, "seed \(seed): batch \(index) reported \(outcome)")
            } else if let version = versionByBatch[index] {
                #expect(
                    ambiguousCommits.contains("t/_delta_log/" + LogFileName.commitName(version)),
                    "seed \(seed): batch \(index) failed without an ambiguous commit yet committed \(version)")
            }
        }
        #expect(!outcomes.withLock { $0.isEmpty }, "seed \(seed): no append succeeded")
    }

    /// The paths under `t/_delta_log/` other than checkpoint files and `_last_checkpoint`, which automatic
    /// checkpoints add every `delta.checkpointInterval` commits.
    static func commitAndStrayPaths(_ store: LocalObjectStore) throws -> [String] {
        try store.list(prefix: "t/_delta_log/", after: nil).map(\.path)
            .filter { !$0.contains(".checkpoint.") && !$0.hasSuffix("/_last_checkpoint") }
    }
}
