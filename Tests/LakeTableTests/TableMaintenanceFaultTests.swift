import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Testing

/// Issue 3's reliability requirement beyond appends: OPTIMIZE (grouped commits), z-order, merge, delete and
/// restore run over a seeded faulty store (failing, ambiguous and crashing calls). Afterwards the table opens at a
/// committed version, every version's rows are those it committed (the setup's rows up to the setup version, the
/// operation's result after it), no file of any version is missing, nothing but VACUUM deleted a data file, and
/// VACUUM then removes exactly the files the latest version does not read.
@Suite struct TableMaintenanceFaultTests {
    typealias Rows = [Int64: [String: String]]

    /// One maintenance operation, run on a table prepared by `setup`.
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        /// Builds the table; returns nothing, the rows of each version are read back from it.
        var setup: @Sendable (Table) throws -> Void
        /// The operation under test; may throw (faults).
        var run: @Sendable (Table) throws -> Void
        /// The rows after the operation, from the rows before it.
        var result: @Sendable (Rows) -> Rows = { $0 }
        /// For restore: the setup version whose rows the operation brings back (`result` is then unused).
        var restoredVersion: Int64? = nil
    }

    static let farFutureMillis: Int64 = 4_000_000_000_000

    static func keyed(_ rows: [[String: String]]) -> Rows {
        var keyed: Rows = [:]
        for row in rows {
            if let id = row["id"].flatMap({ Int64($0.dropFirst(2)) }) { keyed[id] = row }
        }
        return keyed
    }

    static func appendSmallFiles(_ table: Table) throws {
        try table.create(schema: TableRows.schema)
        for index in 0..<6 {
            let start = Int64(index) * 8
            try table.append([TableRows.batch(start..<start + 8, seed: 800 + UInt64(index))])
        }
    }

    static let upsertSource = TableRows.batch(40..<56, seed: 820)

    static let cases: [Case] = [
        Case(
            description: "optimize",
            setup: appendSmallFiles,
            run: { table in
                _ = try table.optimize(
                    targetFileBytes: 1 << 20, partitionFilter: [], grouping: OptimizeGrouping(binsPerCommitMax: 1),
                    progress: { _ in })
            },
            result: { $0 }),
        Case(
            description: "optimize (bins of two per group)",
            setup: appendSmallFiles,
            run: { table in
                let size = try table.snapshot().files.map(\.add.size).max() ?? 1
                _ = try table.optimize(
                    targetFileBytes: size * 2 + 1, partitionFilter: [],
                    grouping: OptimizeGrouping(binsPerCommitMax: 1), progress: { _ in })
            },
            result: { $0 }),
        Case(
            description: "z-order",
            setup: appendSmallFiles,
            run: { table in _ = try table.optimize(zOrderBy: ["price", "name"]) },
            result: { $0 }),
        Case(
            description: "merge upsert",
            setup: appendSmallFiles,
            run: { table in _ = try table.merge([upsertSource], on: ["id"], mode: .upsert) },
            result: { rows in rows.merging(keyed(TableRows.canonical([upsertSource]))) { _, new in new } }),
        Case(
            description: "merge insert missing",
            setup: appendSmallFiles,
            run: { table in _ = try table.merge([upsertSource], on: ["id"], mode: .insertMissing) },
            result: { rows in rows.merging(keyed(TableRows.canonical([upsertSource]))) { old, _ in old } }),
        Case(
            description: "delete",
            setup: appendSmallFiles,
            run: { table in _ = try table.delete(where: [ParquetPredicate("id", .less, .int(20))]) },
            result: { rows in rows.filter { $0.key >= 20 } }),
        Case(
            description: "restore",
            setup: { table in
                try appendSmallFiles(table)
                try table.overwrite([TableRows.batch(500..<510, seed: 830)])
            },
            run: { table in _ = try table.restore(toVersion: 4) },
            restoredVersion: 4),
    ]

    static func dataFiles(_ store: LocalObjectStore) throws -> Set<String> {
        Set(
            try store.list(prefix: "t/", after: nil).map { String($0.path.dropFirst(2)) }
                .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.contains("/.") })
    }

    /// Runs `testCase` over `configuration` and checks every invariant; returns whether the operation completed.
    @discardableResult
    static func check(
        _ testCase: Case, configuration: FaultyObjectStore.Configuration, label: String, context: String
    ) throws -> Bool {
        let scratch = try ScratchDirectory(label)
        let setup = Table(store: scratch.store, root: "t")
        try testCase.setup(setup)
        let baseVersion = try setup.snapshot().version
        var rowsByVersion: [Int64: [[String: String]]] = [:]
        for version in 0...baseVersion {
            rowsByVersion[version] = TableRows.canonical(try setup.scan(version: version).readAll())
        }
        let before = Self.keyed(rowsByVersion[baseVersion] ?? [])
        let after = testCase.restoredVersion.map { Self.keyed(rowsByVersion[$0] ?? []) } ?? testCase.result(before)
        let filesBefore = try dataFiles(scratch.store)

        let faulty = FaultyObjectStore(wrapping: scratch.store, configuration)
        var completed = false
        for _ in 0..<3 where !completed && !faulty.isCrashed {
            completed = (try? testCase.run(Table(store: faulty, root: "t"))) != nil
        }

        let clean = Table(store: scratch.store, root: "t")
        let latest = try clean.snapshot().version
        #expect(latest >= baseVersion, "\(context): opens at \(latest), below the setup's \(baseVersion)")
        let commits = try scratch.store.list(prefix: "t/_delta_log/", after: nil).map(\.path)
            .filter { $0.hasSuffix(".json") }
        #expect(commits == (0...latest).map { "t/_delta_log/" + LogFileName.commitName($0) }, "\(context): log gaps")
        if completed { #expect(latest > baseVersion || before == after, "\(context): completed without a commit") }
        let want = after.keys.sorted().compactMap { after[$0] }
        var referenced: Set<String> = []
        for version in 0...latest {
            let rows = TableRows.canonical(try clean.scan(version: version).readAll())
            if version <= baseVersion {
                #expect(rows == rowsByVersion[version], "\(context): setup version \(version) changed")
            } else {
                #expect(rows == want, "\(context): version \(version) holds neither the old nor the new rows")
            }
            for file in try clean.snapshot(version: version).files {
                referenced.insert(file.path)
                #expect(
                    (try? scratch.store.head("t/" + file.path)) != nil,
                    "\(context): version \(version) references missing \(file.path)")
            }
        }
        // Nothing but VACUUM deletes data files.
        let filesAfter = try dataFiles(scratch.store)
        #expect(filesBefore.isSubset(of: filesAfter), "\(context): a data file vanished before VACUUM")
        #expect(referenced.isSubset(of: filesAfter), "\(context)")

        // The table stays writable; VACUUM far in the future removes exactly the unreferenced files.
        let next = try clean.append([TableRows.batch(900..<901, seed: 840)])
        #expect(next.version == latest + 1, "\(context)")
        let live = Set(try clean.snapshot().files.map(\.path))
        let doomed = try dataFiles(scratch.store).subtracting(live)
        let report = try Table(store: scratch.store, root: "t", clock: .fixed(Self.farFutureMillis))
            .vacuum(retentionHours: 0, allowShortRetention: true)
        #expect(Set(report.files.map(\.path)) == doomed, "\(context): VACUUM deleted the wrong files")
        #expect(try dataFiles(scratch.store) == live, "\(context): VACUUM left orphans or removed live files")
        var finalRows = latest > baseVersion ? after : before
        finalRows.merge(Self.keyed(TableRows.canonical([TableRows.batch(900..<901, seed: 840)]))) { _, new in new }
        #expect(
            TableRows.canonical(try clean.scan().readAll()) == finalRows.keys.sorted().compactMap { finalRows[$0] },
            "\(context): rows after VACUUM differ")
        return completed
    }

    @Test(arguments: cases)
    func crashAfterEveryMutationLeavesACommittedVersion(testCase: Case) throws {
        var crashPoint = 0
        var completed = false
        // Every mutation up to 40, then every third: a grouped OPTIMIZE takes over a hundred.
        while !completed && crashPoint < 240 {
            let configuration = FaultyObjectStore.Configuration(
                seed: UInt64(crashPoint), crashAfterMutations: crashPoint)
            completed = try Self.check(
                testCase, configuration: configuration, label: "crash-\(crashPoint)-\(testCase.description.prefix(7))",
                context: "\(testCase) crashed after \(crashPoint) mutations")
            crashPoint += crashPoint < 40 ? 1 : 3
        }
        #expect(completed, "\(testCase) never completed within 240 mutations")
        // Restore's only mutation is its commit; every other operation writes files first.
        #expect(crashPoint > 1, "\(testCase): the sweep covered no crash point")
    }

    @Test(arguments: cases)
    func seededFaultsLeaveACommittedVersion(testCase: Case) throws {
        var completedRuns = 0
        for seed in 1...8 as ClosedRange<UInt64> {
            let configuration = FaultyObjectStore.Configuration(
                seed: seed &* 0x9E37, mutationFailureProbability: 0.2, streamWriteFailureProbability: 0.01,
                ambiguousFailureFraction: 0.5, readFailureProbability: 0.03, delayProbability: 0.05,
                delayMicrosecondsMax: 50)
            if try Self.check(
                testCase, configuration: configuration, label: "faults-\(seed)",
                context: "\(testCase) with seed \(seed)")
            {
                completedRuns += 1
            }
        }
        #expect(completedRuns > 0, "\(testCase): no seeded run completed")
    }
}
