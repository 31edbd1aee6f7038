import Dispatch
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Synchronization
import Testing

/// OPTIMIZE committing in groups of bins: bounded commits, progress, and safety while appends run.
@Suite struct TableOptimizeGroupTests {
    static func ids(_ table: Table, version: Int64? = nil) throws -> [String] {
        let scan = try version.map { try table.scan(version: $0) } ?? table.scan()
        return TableRows.canonical(try scan.readAll()).compactMap { $0["id"] }
    }

    /// A target that puts exactly two of the table's (equal-sized) files in each bin.
    static func twoFileTarget(_ table: Table) throws -> Int64 {
        let sizes = try table.snapshot().files.map(\.add.size)
        return (sizes.max() ?? 0) * 2 + 1
    }

    @Test func optimizeCommitsEveryGroupOfBinsAsItsOwnVersion() throws {
        let scratch = try ScratchDirectory("optimize-groups")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        for index in 0..<12 {
            let start = Int64(index) * 10
            try table.append([TableRows.batch(start..<start + 10, seed: 600 + UInt64(index))])
        }
        let target = try Self.twoFileTarget(table)
        var updates: [OptimizeProgress] = []
        let report = try table.optimize(
            targetFileBytes: target, partitionFilter: [], grouping: OptimizeGrouping(binsPerCommitMax: 2),
            progress: { updates.append($0) })
        // 12 files, bins of 2 -> 6 bins, 2 bins per commit -> 3 commits.
        #expect(report.versions == [13, 14, 15])
        #expect(report.filesRemoved == 12 && report.filesAdded == 6 && report.rowsWritten == 120)
        #expect(report.bytesRemoved > 0 && report.bytesAdded > 0)
        #expect(try table.snapshot().files.count == 6)
        #expect(try Self.ids(table) == (0..<120).map { "i:\($0)" })
        for version in report.versions {
            let snapshot = try table.snapshot(version: version)
            #expect(snapshot.commitInfo?.operation == "OPTIMIZE")
            // Every group but the first loses the race to the one before it, checks it and retries after it.
            #expect(snapshot.commitInfo?.readVersion == version - 1)
            #expect(try Self.ids(table, version: version) == (0..<120).map { "i:\($0)" })
        }
        // Progress: one update per input file read plus one per commit, counters never going back.
        #expect(updates.count == 12 + 3)
        #expect(updates.last?.filesRead == 12 && updates.last?.commits == 3 && updates.last?.filesWritten == 6)
        #expect(updates.last?.filesTotal == 12 && updates.last?.rowsRead == 120)
        #expect(
            zip(updates, updates.dropFirst()).allSatisfy { $0.filesRead <= $1.filesRead && $0.commits <= $1.commits })
        // The byte limit closes a group early too: each bin is over half the limit, so one bin per commit.
        try table.append([TableRows.batch(120..<130, seed: 620)])
        try table.append([TableRows.batch(130..<140, seed: 621)])
        let small = try table.snapshot().files.filter { $0.add.size < target / 2 }
        #expect(small.count == 2)
        let single = try table.optimize(
            targetFileBytes: target * 4, partitionFilter: [],
            grouping: OptimizeGrouping(binsPerCommitMax: 50, commitBytesMax: 1), progress: { _ in })
        #expect(single.versions.count >= 1)
        #expect(try Self.ids(table) == (0..<140).map { "i:\($0)" })
    }

    @Test func aGroupConflictsOnlyWhenItsOwnInputsWereRemoved() throws {
        let scratch = try ScratchDirectory("optimize-group-conflict")
        let table = Table(store: scratch.store, root: "t", clock: .fixed(1_700_000_000_000))
        try table.create(schema: TableRows.schema)
        for index in 0..<4 {
            let start = Int64(index) * 10
            try table.append([TableRows.batch(start..<start + 10, seed: 630 + UInt64(index))])
        }
        let target = try Self.twoFileTarget(table)
        var deleted = false
        var deletedIds: Set<Int64> = []
        // After the first group commits, a concurrent delete removes a file of the second group: one of the input
        // files still live (dataChange true; the first group's output has false).
        #expect(
            throws: TableLogError.commitConflict(.concurrentDeleteDelete, attempted: 5, winner: 6, operation: "DELETE")
        ) {
            try table.optimize(
                targetFileBytes: target, partitionFilter: [], grouping: OptimizeGrouping(binsPerCommitMax: 1),
                progress: { state in
                    guard state.commits == 1, !deleted, let snapshot = try? table.snapshot(),
                        let input = snapshot.files.first(where: \.add.dataChange),
                        let scan = try? TableScan(snapshot: snapshot, store: scratch.store, root: "t"),
                        let batches = try? scan.batches(of: input)
                    else { return }
                    deletedIds = Set(
                        TableRows.canonical(batches).compactMap { $0["id"].flatMap { Int64($0.dropFirst(2)) } })
                    guard let low = deletedIds.min(), let high = deletedIds.max() else { return }
                    deleted =
                        (try? table.delete(where: [
                            ParquetPredicate("id", .greaterOrEqual, .int(low)),
                            ParquetPredicate("id", .lessOrEqual, .int(high)),
                        ])) != nil
                })
        }
        #expect(deleted)
        // Version 5 (first group) and 6 (the delete) stand; the second group left only orphans.
        #expect(try table.snapshot().version == 6)
        #expect(try table.snapshot(version: 5).commitInfo?.operation == "OPTIMIZE")
        let remaining = (0..<40).filter { !deletedIds.contains(Int64($0)) }.map { "i:\($0)" }
        #expect(deletedIds.count == 10)
        #expect(try Self.ids(table) == remaining)
        // A later run compacts the first group's output with the file the second group left.
        #expect(try table.optimize(targetFileBytes: target * 2) != nil)
        #expect(try Self.ids(table) == remaining)
    }

    @Test func optimizeWhileAppendersRunLosesNoAppendAndNeverFails() throws {
        let scratch = try ScratchDirectory("optimize-with-appenders")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        for index in 0..<16 {
            let start = Int64(index) * 10
            try table.append([TableRows.batch(start..<start + 10, seed: 640 + UInt64(index))])
        }
        let target = try Self.twoFileTarget(table) * 2  // bins of about four files
        let appenders = 3
        let appendsPerAppender = 12
        let appendResults = Mutex<[Int: Result<CommitOutcome, TableLogError>]>([:])
        let optimizeResults = Mutex<[Result<OptimizeReport, TableLogError>]>([])
        let batchId = { @Sendable (appender: Int, step: Int) -> Int64 in
            1_000 + Int64(appender * appendsPerAppender + step) * 7
        }
        DispatchQueue.concurrentPerform(iterations: appenders + 1) { worker in
            if worker == appenders {
                for _ in 0..<4 {
                    let result = Result { () throws(TableLogError) in
                        try table.optimize(
                            targetFileBytes: target, partitionFilter: [],
                            grouping: OptimizeGrouping(binsPerCommitMax: 1), progress: { _ in })
                    }
                    optimizeResults.withLock { $0.append(result) }
                }
                return
            }
            for step in 0..<appendsPerAppender {
                let start = batchId(worker, step)
                let batch = TableRows.batch(start..<start + 7, seed: UInt64(700 + worker * 100 + step))
                let result = Result { () throws(TableLogError) in try table.append([batch]) }
                appendResults.withLock { $0[worker * appendsPerAppender + step] = result }
            }
        }
        let optimizations = try optimizeResults.withLock { results in try results.map { try $0.get() } }
        #expect(optimizations.contains { !$0.versions.isEmpty }, "OPTIMIZE committed nothing")
        let appendVersions = try appendResults.withLock { results in try results.values.map { try $0.get().version } }
        #expect(appendVersions.count == appenders * appendsPerAppender)
        // Every version exists once; appends and OPTIMIZE groups share them without gaps or repeats.
        let optimizeVersions = optimizations.flatMap(\.versions)
        let latest = try table.snapshot().version
        #expect((appendVersions + optimizeVersions).sorted() == Array(17...latest))
        let commits = try scratch.store.list(prefix: "t/_delta_log/", after: nil).map(\.path)
            .filter { $0.hasSuffix(".json") }
        #expect(commits == (0...latest).map { "t/_delta_log/" + LogFileName.commitName($0) })
        var expected = (0..<160).map { Int64($0) }
        for appender in 0..<appenders {
            for step in 0..<appendsPerAppender {
                let start = batchId(appender, step)
                expected += Array(start..<start + 7)
            }
        }
        #expect(try Self.ids(table) == expected.sorted().map { "i:\($0)" }, "an append was lost or repeated")
        // Each OPTIMIZE version kept the rows of the version before it.
        for version in optimizeVersions {
            #expect(try Self.ids(table, version: version) == Self.ids(table, version: version - 1))
        }
    }
}
