import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

@testable import LakeTable

/// Checkpoints written and read through Parquet: automatic and explicit checkpoints, multi-part and V2 files with
/// sidecars, hostile files, and log cleanup under a fixed clock.
@Suite struct CheckpointTableTests {
    /// The parts of a snapshot that replay decides, in a comparable form.
    struct State: Equatable {
        var version: Int64
        var protocolAction: ProtocolAction
        var metadata: MetadataAction
        var files: [ActiveFile]
        var tombstones: [RemoveAction]
        var transactions: [String: TransactionAction]

        init(_ snapshot: Snapshot) {
            version = snapshot.version
            protocolAction = snapshot.protocolAction
            metadata = snapshot.metadata
            files = snapshot.files
            tombstones = snapshot.tombstones
            transactions = snapshot.transactions
        }
    }

    /// The state of every version replayed from JSON commits only (checkpoints hidden by a store view).
    static func jsonStates(_ scratch: ScratchDirectory, root: String) throws -> [State] {
        let copy = try ScratchDirectory("json-only")
        for info in try scratch.store.list(prefix: root + "/_delta_log/", after: nil) {
            let name = info.path.split(separator: "/").last.map(String.init) ?? ""
            if case .commit = LogFileName(fileName: name) {
                try copy.store.put(info.path, try scratch.store.read(info.path))
            }
        }
        let latest = try Snapshot.load(store: copy.store, root: root).version
        return try (0...latest).map { State(try Snapshot.load(store: copy.store, root: root, version: $0)) }
    }

    static func logNames(_ scratch: ScratchDirectory, root: String = "t") throws -> [String] {
        try scratch.store.list(prefix: root + "/_delta_log/", after: nil).map {
            String($0.path.dropFirst(root.count + "/_delta_log/".count))
        }
    }

    @Test func commitsCheckpointAtTheIntervalAndReplayMatchesJSONAtEveryVersion() throws {
        let scratch = try ScratchDirectory("checkpoint-interval")
        let table = Table(store: scratch.store, root: "t")
        try table.create(
            schema: Schema(TableRows.schema.fields + [Field("region", .utf8)]), partitionColumns: ["region"],
            properties: ["delta.checkpointInterval": "3"])
        for step in 0..<7 {
            let ids = Int64(step * 10)..<Int64(step * 10 + 10)
            try table.append(
                [TableRows.regionalBatch(ids, seed: UInt64(step))],
                txn: TransactionAction(appId: "job", version: Int64(step)))
        }
        try table.delete(where: [ParquetPredicate("id", .less, .int(15))])
        let latest = try table.snapshot()
        #expect(latest.version == 8)
        let names = try Self.logNames(scratch)
        #expect(
            names.filter { $0.contains("checkpoint.parquet") } == [
                "00000000000000000003.checkpoint.parquet", "00000000000000000006.checkpoint.parquet",
            ])
        #expect(try table.lastCheckpoint()?.version == 6)
        #expect(try LogSegment.build(store: scratch.store, root: "t").checkpoint?.version == 6)

        let expected = try Self.jsonStates(scratch, root: "t")
        for version in 0...latest.version {
            let state = State(try table.snapshot(version: version))
            #expect(state == expected[Int(version)], "version \(version)")
        }
        #expect(!latest.tombstones.isEmpty)
        #expect(latest.transactionVersion(appId: "job") == 6)
    }

    @Test func explicitCheckpointHoldsEveryActionKindAndSummarizesIt() throws {
        let scratch = try ScratchDirectory("checkpoint-explicit")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 1)])
        try table.append([TableRows.batch(10..<20, seed: 2)], txn: TransactionAction(appId: "a", version: 1))
        try table.overwrite([TableRows.batch(0..<5, seed: 3)])
        let summary = try table.checkpoint()
        #expect(summary.version == 3 && summary.addCount == 1 && summary.removeCount == 2)
        #expect(summary.actionCount == 6)  // protocol, metaData, txn, add, 2 removes
        #expect(summary.path == "t/_delta_log/00000000000000000003.checkpoint.parquet")
        #expect(summary.cleanup?.deletedPaths == [])
        #expect(
            try table.lastCheckpoint()
                == LastCheckpoint(version: 3, size: 6, sizeInBytes: summary.sizeBytes, numOfAddFiles: 1))

        let checkpoint = try #require(try LogSegment.build(store: scratch.store, root: "t").checkpoint)
        let actions = try CheckpointReader.actions(of: checkpoint, store: scratch.store, root: "t")
        let snapshot = try table.snapshot()
        #expect(Set(actions) == Set(CheckpointWriter.actions(of: snapshot, nowMillis: TableClock.system.nowMillis())))
        let rows = TableRows.canonical(try table.scan().readAll())
        #expect(rows == TableRows.canonical([TableRows.batch(0..<5, seed: 3)]))

        // Tombstones older than delta.deletedFileRetentionDuration are left out.
        let later = Table(
            store: scratch.store, root: "t", clock: .fixed(TableClock.system.nowMillis() + 8 * 86_400_000))
        #expect(try later.checkpoint(cleanUpLog: false).removeCount == 0)
    }

    @Test func everyActionKindRoundTripsThroughAParquetCheckpoint() throws {
        let scratch = try ScratchDirectory("checkpoint-parquet-rows")
        let path = "_delta_log/00000000000000000005.checkpoint.parquet"
        let writer = try ParquetFileWriter(store: scratch.store, path: path, schema: CheckpointSchema.schema)
        try writer.write(try CheckpointEncoder.batch(CheckpointModelTests.actions, path: path))
        try writer.close()
        let files = CheckpointFiles(version: 5, kind: .classic, paths: [path], sizeBytes: 0)
        let actions = try CheckpointReader.actions(of: files, store: scratch.store, root: "")
        #expect(
            Set(actions) == Set(CheckpointModelTests.actions) && actions.count == CheckpointModelTests.actions.count)
    }

    /// Writes `actions` as a Parquet file of the classic schema at `path`.
    static func writeCheckpoint(_ actions: [Action], store: any ObjectStore, path: String) throws {
        let writer = try ParquetFileWriter(store: store, path: path, schema: CheckpointSchema.schema)
        try writer.write(try CheckpointEncoder.batch(actions, path: path))
        try writer.close()
    }

    /// A table of 4 appends whose commits 0...3 are deleted after `body` wrote a checkpoint of version 3.
    static func tableBehindCheckpoint(
        _ label: String, _ body: (ScratchDirectory, [Action]) throws -> Void
    ) throws -> (ScratchDirectory, Table) {
        let scratch = try ScratchDirectory(label)
        let table = Table(store: scratch.store)
        try table.create(schema: TableRows.schema)
        for step in 0..<4 {
            try table.append([TableRows.batch(Int64(step * 5)..<Int64(step * 5 + 5), seed: UInt64(step))])
        }
        let actions = CheckpointWriter.actions(
            of: try table.snapshot(version: 3), nowMillis: TableClock.system.nowMillis())
        try body(scratch, actions)
        for version in 0...3 { try scratch.store.delete("_delta_log/" + LogFileName.commitName(Int64(version))) }
        return (scratch, table)
    }

    @Test func multiPartCheckpointIsTheUnionOfItsParts() throws {
        let (scratch, table) = try Self.tableBehindCheckpoint("checkpoint-multipart") { scratch, actions in
            try Self.writeCheckpoint(
                Array(actions.prefix(3)), store: scratch.store,
                path: "_delta_log/00000000000000000003.checkpoint.0000000001.0000000002.parquet")
            try Self.writeCheckpoint(
                Array(actions.dropFirst(3)), store: scratch.store,
                path: "_delta_log/00000000000000000003.checkpoint.0000000002.0000000002.parquet")
        }
        let snapshot = try table.snapshot()
        #expect(snapshot.version == 4 && snapshot.files.count == 4 && snapshot.skippedCheckpoints.isEmpty)
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 20)
        // One part missing: the set is incomplete and nothing else covers version 3.
        try scratch.store.delete("_delta_log/00000000000000000003.checkpoint.0000000002.0000000002.parquet")
        #expect(throws: TableLogError.missingCommit(0)) { try table.snapshot() }
    }

    @Test func uuidNamedParquetCheckpointReadsItsSidecars() throws {
        let uuid = "9f1c2f6e-1f4b-4b8a-9b8e-2f0c5d6a7e81"
        let (scratch, table) = try Self.tableBehindCheckpoint("checkpoint-sidecars") { scratch, actions in
            let fileActions = actions.filter { if case .add = $0 { return true } else { return false } }
            let sidecars = ["a1.parquet", "b2.parquet"]
            try Self.writeCheckpoint(
                Array(fileActions.prefix(2)), store: scratch.store, path: "_delta_log/_sidecars/a1.parquet")
            try Self.writeCheckpoint(
                Array(fileActions.dropFirst(2)), store: scratch.store, path: "_delta_log/_sidecars/b2.parquet")
            // The main file: protocol, metaData, checkpointMetadata and two sidecar rows.
            let sidecarType = DataType.struct([
                Field("path", .utf8, nullable: false), Field("sizeInBytes", .int64, nullable: false),
                Field("modificationTime", .int64, nullable: false),
            ])
            let metadataType = DataType.struct([Field("version", .int64, nullable: false)])
            let schema = Schema([
                Field("protocol", CheckpointSchema.protocolType), Field("metaData", CheckpointSchema.metadata),
                Field("checkpointMetadata", metadataType), Field("sidecar", sidecarType),
            ])
            var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
            var rows: [(Int, Value)] = actions.prefix(2).map { action in
                let (key, value) = CheckpointEncoder.row(action)
                return (key == "protocol" ? 0 : 1, value)
            }
            rows.append((2, .struct([.int(3)])))
            rows += sidecars.map { (3, .struct([.string($0), .int(100), .int(1)])) }
            for (column, value) in rows {
                for index in builders.indices {
                    if index == column { try builders[index].append(value) } else { builders[index].appendNull() }
                }
            }
            let path = "_delta_log/00000000000000000003.checkpoint.\(uuid).parquet"
            let writer = try ParquetFileWriter(store: scratch.store, path: path, schema: schema)
            try writer.write(Batch(schema: schema, columns: builders.map { $0.build() }))
            try writer.close()
        }
        let snapshot = try table.snapshot()
        #expect(snapshot.files.count == 4 && snapshot.skippedCheckpoints.isEmpty)
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 20)
        // A missing sidecar makes the checkpoint unusable; with commits 0...3 gone nothing replaces it.
        try scratch.store.delete("_delta_log/_sidecars/b2.parquet")
        #expect {
            try table.snapshot()
        } throws: { error in
            guard case .corruptLog(let file, _) = error as? TableLogError else { return false }
            return file == "_delta_log/_sidecars/b2.parquet"
        }
    }

    @Test func hostileParquetCheckpointsFallBackToCommitsAndNameTheFile() throws {
        let scratch = try ScratchDirectory("checkpoint-hostile")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        for step in 0..<3 {
            try table.append([TableRows.batch(Int64(step * 5)..<Int64(step * 5 + 5), seed: UInt64(step))])
        }
        try table.checkpoint()
        let path = "t/_delta_log/00000000000000000003.checkpoint.parquet"
        let good = try scratch.store.read(path)
        let dataFile = try #require(try table.snapshot().files.first?.path)
        var generator = SeededGenerator(seed: 0xC4EC)
        let variants: [(String, [UInt8])] = [
            ("truncated", Array(good.prefix(good.count / 2))),
            ("a data file", try scratch.store.read("t/" + dataFile)),
            (
                "flipped bytes",
                good.enumerated().map { index, byte in
                    index > 4 && index < good.count - 8 && UInt8.random(in: 0...255, using: &generator) < 8
                        ? ~byte : byte
                }
            ),
        ]
        for (label, bytes) in variants {
            try scratch.store.put(path, bytes)
            let snapshot = try table.snapshot()
            #expect(snapshot.version == 3 && snapshot.files.count == 3, "\(label)")
            // Flipped bytes may still decode to a valid checkpoint; when it does not, the fallback is recorded.
            if label != "flipped bytes" {
                #expect(snapshot.skippedCheckpoints.first?.hasPrefix(path + ": ") == true, "\(label)")
            }
        }
        try scratch.store.put(path, Array(good.prefix(100)))
        try scratch.store.delete("t/_delta_log/" + LogFileName.commitName(0))
        #expect {
            try table.snapshot()
        } throws: { error in
            guard case .corruptLog(let file, _) = error as? TableLogError else { return false }
            return file == path
        }
    }

    @Test func checkpointFailureNeverFailsTheCommit() throws {
        let scratch = try ScratchDirectory("checkpoint-fails")
        try Table(store: scratch.store, root: "t").create(
            schema: TableRows.schema, properties: ["delta.checkpointInterval": "1"])
        // `put` is used only for `_last_checkpoint`: the checkpoint file lands, the hint does not.
        let faulty = FaultyObjectStore(
            wrapping: scratch.store,
            .init(seed: 3, mutationFailureProbability: 1, failingOperations: ["put"], ambiguousFailureFraction: 0))
        let table = Table(store: faulty, root: "t")
        #expect(try table.append([TableRows.batch(0..<5, seed: 1)]) == .committed(version: 1))
        #expect(try table.lastCheckpoint() == nil)
        #expect(table.checkpointIfDue(afterCommitting: 1).map { if case .failure = $0 { true } else { false } } == true)
        #expect(try table.snapshot().files.count == 1)
    }

    @Test func logCleanupKeepsEveryRetainedVersionReadable() throws {
        let scratch = try ScratchDirectory("checkpoint-cleanup")
        var writes = ClockedWrites(scratch)
        let day = ClockedWrites.day
        let start = ClockedWrites.start
        try writes.at(start) { try $0.create(schema: TableRows.schema, properties: ["delta.checkpointInterval": "3"]) }
        for version in 1...6 {
            try writes.at(start + Int64(version) * day) {
                try $0.append([TableRows.batch(Int64(version * 5)..<Int64(version * 5 + 5), seed: 9)])
            }
        }
        #expect(try Self.logNames(scratch).contains("00000000000000000000.json"))
        let before = State(try writes.table(at: start).snapshot(version: 6))
        // Versions 7...9 land 35-37 days after creation; the checkpoint at 9 cleans up with cutoff = day 7.
        for version in 7...9 {
            try writes.at(start + Int64(28 + version) * day) {
                try $0.append([TableRows.batch(Int64(version * 5)..<Int64(version * 5 + 5), seed: 9)])
            }
        }
        let names = try Self.logNames(scratch)
        #expect(
            !names.contains("00000000000000000005.json") && !names.contains("00000000000000000003.checkpoint.parquet"))
        #expect(
            names.contains("00000000000000000006.json") && names.contains("00000000000000000006.checkpoint.parquet"))
        #expect(names.contains("00000000000000000009.checkpoint.parquet"))
        let table = writes.table(at: start + 40 * day)
        #expect(State(try table.snapshot(version: 6)) == before)
        for version in Int64(6)...9 { #expect(try table.snapshot(version: version).files.count == Int(version)) }
        #expect(throws: TableLogError.missingCommit(0)) { try table.snapshot(version: 5) }
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 45)
        // Nothing further is expired: a second cleanup deletes nothing.
        #expect(try table.cleanUpExpiredLog()?.deletedPaths == [])
    }

    @Test func cleanupDisabledByPropertyKeepsTheWholeLog() throws {
        let scratch = try ScratchDirectory("checkpoint-no-cleanup")
        var writes = ClockedWrites(scratch)
        let start = ClockedWrites.start
        try writes.at(start) {
            try $0.create(
                schema: TableRows.schema,
                properties: ["delta.enableExpiredLogCleanup": "false", "delta.logRetentionDuration": "interval 1 day"])
        }
        for version in 1...4 {
            try writes.at(start + Int64(version) * 10 * ClockedWrites.day) {
                try $0.append([TableRows.batch(0..<1, seed: 1)])
            }
        }
        let table = writes.table(at: start + 100 * ClockedWrites.day)
        let summary = try table.checkpoint()
        #expect(summary.cleanup == nil)
        #expect(try table.cleanUpExpiredLog() == nil)
        #expect(try Self.logNames(scratch).filter { $0.hasSuffix(".json") }.count == 5)
        #expect(try table.snapshot(version: 0).files.isEmpty)
    }
}
