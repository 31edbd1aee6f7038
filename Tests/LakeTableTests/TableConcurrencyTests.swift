import Dispatch
import LakeColumnar
import LakeCore
import LakeTable
import Synchronization
import Testing

@Suite struct TableConcurrencyTests {
    @Test func racingAppendersEachCommitExactlyOnce() throws {
        let scratch = try ScratchDirectory("race-appends")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let writers = 8
        let rowsPerWriter: Int64 = 25
        let outcomes = Mutex<[Int: Result<CommitOutcome, TableLogError>]>([:])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let start = Int64(writer) * rowsPerWriter
            let batch = TableRows.batch(start..<start + rowsPerWriter, seed: UInt64(100 + writer))
            let result = Result { () throws(TableLogError) in try table.append([batch]) }
            outcomes.withLock { $0[writer] = result }
        }
        let versions = try outcomes.withLock { results in try results.values.map { try $0.get().version } }
        #expect(versions.sorted() == Array(1...Int64(writers)))
        let commits = try scratch.store.list(prefix: "t/_delta_log/", after: nil).map(\.path)
        #expect(commits == (0...Int64(writers)).map { "t/_delta_log/" + LogFileName.commitName($0) })
        let ids = TableRows.canonical(try table.scan(columns: ["id"]).readAll()).compactMap { $0["id"] }
        #expect(ids == (0..<Int64(writers) * rowsPerWriter).map { "i:\($0)" })
    }

    @Test func overwriteKeepsAConcurrentBlindAppendUnderWriteSerializable() throws {
        let scratch = try ScratchDirectory("race-overwrite-append")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 41)])
        let overwrite = try table.prepareWrite(.overwrite, [TableRows.batch(100..<105, seed: 42)])
        let appended = TableRows.batch(200..<203, seed: 43)
        #expect(try table.append([appended]) == .committed(version: 2))
        #expect(try overwrite.commit() == .committed(version: 3))
        let ids = TableRows.canonical(try table.scan(columns: ["id"]).readAll()).compactMap { $0["id"] }
        #expect(ids == ((100..<105).map { "i:\($0)" } + (200..<203).map { "i:\($0)" }))
        #expect(try table.snapshot().commitInfo?.readVersion == 2)
    }

    @Test func overwriteConflictsWithAConcurrentAppendUnderSerializable() throws {
        let scratch = try ScratchDirectory("race-overwrite-serializable")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema, properties: ["delta.isolationLevel": "Serializable"])
        try table.append([TableRows.batch(0..<10, seed: 44)])
        let overwrite = try table.prepareWrite(.overwrite, [TableRows.batch(100..<105, seed: 45)])
        try table.append([TableRows.batch(200..<203, seed: 46)])
        #expect(throws: TableLogError.commitConflict(.concurrentAppend, attempted: 2, winner: 2, operation: "WRITE")) {
            try overwrite.commit()
        }
        #expect(try table.snapshot().version == 2)
        let dataFiles = try scratch.store.list(prefix: "t/part-", after: nil)
        #expect(dataFiles.count == 3, "the losing overwrite's file stays as an orphan")
        #expect(try table.snapshot().files.count == 2)
    }

    @Test func twoOverwritesOfTheSameVersionConflict() throws {
        let scratch = try ScratchDirectory("race-overwrites")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 47)])
        let first = try table.prepareWrite(.overwrite, [TableRows.batch(100..<105, seed: 48)])
        let second = try table.prepareWrite(.overwrite, [TableRows.batch(300..<305, seed: 49)])
        #expect(try first.commit() == .committed(version: 2))
        // The winner's adds are not a blind append, so check 3 (concurrentAppend) fires before check 4.
        #expect(throws: TableLogError.commitConflict(.concurrentAppend, attempted: 2, winner: 2, operation: "WRITE")) {
            try second.commit()
        }
        let ids = TableRows.canonical(try table.scan(columns: ["id"]).readAll()).compactMap { $0["id"] }
        #expect(ids == (100..<105).map { "i:\($0)" })
    }

    @Test func racingWritesWithOneApplicationIdApplyOnce() throws {
        let scratch = try ScratchDirectory("race-txn")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        let batch = TableRows.batch(0..<10, seed: 50)
        let first = try table.prepareWrite(.append, [batch], txn: TransactionAction(appId: "job", version: 5))
        let replay = try table.prepareWrite(.append, [batch], txn: TransactionAction(appId: "job", version: 5))
        #expect(try first.commit() == .committed(version: 1))
        #expect(try replay.commit() == .alreadyApplied(version: 1))
        let older = try table.prepareWrite(.append, [batch], txn: TransactionAction(appId: "other", version: 9))
        try table.append([batch], txn: TransactionAction(appId: "other", version: 3))
        #expect(
            throws: TableLogError.commitConflict(.concurrentTransaction, attempted: 2, winner: 2, operation: "WRITE")
        ) {
            try older.commit()
        }
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 20)
    }
}
