import LakeColumnar
import LakeCore
import LakeTable
import Testing

@Suite struct TableRestoreTests {
    let start = ClockedWrites.start

    @Test func restoreBringsBackTheRowsOfTheTargetVersion() throws {
        let scratch = try ScratchDirectory("restore-round-trip")
        let table = Table(store: scratch.store, root: "t", clock: .fixed(start))
        try table.create(schema: TableRows.schema, partitionColumns: ["day"])
        try table.append([TableRows.batch(0..<30, seed: 41)])
        try table.append([TableRows.batch(30..<45, seed: 42)])
        try table.overwrite([TableRows.batch(100..<110, seed: 43)])
        let target = try table.snapshot(version: 2)
        #expect(try table.restore(toVersion: 2) == .committed(version: 4))

        let restored = try table.snapshot()
        #expect(
            TableRows.canonical(try table.scan().readAll()) == TableRows.canonical(try table.scan(version: 2).readAll())
        )
        #expect(Set(restored.files.map(\.path)) == Set(target.files.map(\.path)))
        #expect(restored.files.allSatisfy { $0.add.dataChange })
        let entry = try #require(try table.history(limit: 1).first)
        #expect(entry.operation == "RESTORE")
        #expect(entry.operationParameters["version"]?.int64Value == 2)
        #expect(entry.operationMetrics["numRestoredFiles"]?.stringValue == String(target.files.count))
        #expect(
            entry.operationMetrics["numRemovedFiles"]?.stringValue == String(try table.snapshot(version: 3).files.count)
        )
        #expect(
            entry.operationMetrics["tableSizeAfterRestore"]?.stringValue
                == String(target.files.reduce(0) { $0 + $1.add.size }))

        #expect(try table.restore(toVersion: 0) == .committed(version: 5))
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 0)
        #expect(throws: TableLogError.versionNotFound(9, latest: 5)) { try table.restore(toVersion: 9) }
    }

    @Test func restoreRefusesWhenAFileToReAddWasVacuumed() throws {
        let scratch = try ScratchDirectory("restore-missing")
        let table = Table(store: scratch.store, root: "t", clock: .fixed(start))
        try table.create(schema: TableRows.schema)
        try table.append([TableRows.batch(0..<10, seed: 44)])
        try table.overwrite([TableRows.batch(10..<20, seed: 45)])
        let gone = try #require(try table.snapshot(version: 1).files.first)
        try scratch.store.delete("t/" + gone.path)
        #expect(throws: TableLogError.restoreFileMissing(gone.path)) { try table.restore(toVersion: 1) }
        #expect(try table.snapshot().version == 2)
    }

    @Test func restoreRefusesToRemoveFilesOfAnAppendOnlyTable() throws {
        let scratch = try ScratchDirectory("restore-append-only")
        let table = Table(store: scratch.store, root: "t", clock: .fixed(start))
        try table.create(schema: TableRows.schema, properties: ["delta.appendOnly": "true"])
        try table.append([TableRows.batch(0..<10, seed: 46)])
        #expect(throws: TableLogError.appendOnlyViolation(operation: "restore")) { try table.restore(toVersion: 0) }
    }
}
