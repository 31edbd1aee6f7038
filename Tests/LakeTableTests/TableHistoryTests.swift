import LakeColumnar
import LakeCore
import LakeTable
import Testing

@Suite struct TableHistoryTests {
    let day = ClockedWrites.day
    let start = ClockedWrites.start

    @Test func historyListsCommitsNewestFirstWithTheirProvenance() throws {
        let scratch = try ScratchDirectory("history-order")
        var writes = ClockedWrites(scratch)
        try writes.at(start) { try $0.create(schema: TableRows.schema, partitionColumns: ["day"]) }
        try writes.at(start + day) { try $0.append([TableRows.batch(0..<20, seed: 11)]) }
        try writes.at(start + 2 * day) { try $0.overwrite([TableRows.batch(20..<25, seed: 12)]) }
        let history = try writes.table(at: start + 3 * day).history()
        #expect(history.map(\.version) == [2, 1, 0])
        #expect(history.map(\.operation) == ["WRITE", "WRITE", "CREATE TABLE"])
        #expect(history.map(\.timestampMillis) == [start + 2 * day, start + day, start])
        #expect(history.map(\.commitTimestampMillis) == [start + 2 * day, start + day, start])
        #expect(history.allSatisfy { $0.engineInfo == Transaction.engineInfo })
        #expect(history[0].operationParameters["mode"]?.stringValue == "Overwrite")
        #expect(history[1].operationParameters["mode"]?.stringValue == "Append")
        #expect(history[0].operationMetrics["numOutputRows"]?.stringValue == "5")
        #expect(history[0].operationMetrics["numRemovedFiles"] != nil)
        #expect(history[2].operationParameters["partitionBy"]?.stringValue == #"["day"]"#)
        #expect(try writes.table(at: start).history(limit: 2).map(\.version) == [2, 1])
        #expect(try writes.table(at: start).history(limit: 0).isEmpty)
    }

    @Test func historyFallsBackToTheFileTimeForACommitWithoutCommitInfo() throws {
        let scratch = try ScratchDirectory("history-no-commit-info")
        var writes = ClockedWrites(scratch)
        try writes.at(start) { try $0.create(schema: TableRows.schema) }
        try scratch.store.put(
            "t/_delta_log/" + LogFileName.commitName(1), Array(#"{"txn":{"appId":"peer","version":3}}"#.utf8) + [10])
        try writes.stampNewObjects(start + 5_000)
        let history = try writes.table(at: start).history()
        #expect(history.first?.version == 1)
        #expect(history.first?.operation == nil && history.first?.commitInfo == nil)
        #expect(history.first?.timestampMillis == start + 5_000)
        #expect(history.first?.operationParameters == [:])
    }

    @Test func describeSummarizesSchemaProtocolPropertiesAndLiveFiles() throws {
        let scratch = try ScratchDirectory("describe")
        var writes = ClockedWrites(scratch)
        try writes.at(start) {
            try $0.create(
                schema: TableRows.schema, partitionColumns: ["day"], properties: ["owner": "tests"], name: "prices")
        }
        try writes.at(start + 1) { try $0.append([TableRows.batch(0..<50, seed: 21)]) }
        try writes.at(start + 2) { try $0.append([TableRows.batch(50..<80, seed: 22)]) }
        let table = writes.table(at: start + 3)
        let description = try table.describe()
        let snapshot = try table.snapshot()
        #expect(description.version == 2)
        #expect(description.name == "prices")
        #expect(description.partitionColumns == ["day"])
        #expect(description.schema.fields.map(\.name) == ["id", "price", "name", "day"])
        #expect(description.protocolAction == ProtocolAction(minReaderVersion: 1, minWriterVersion: 2))
        #expect(description.properties == ["owner": "tests"])
        #expect(description.fileCount == snapshot.files.count && description.fileCount >= 2)
        #expect(description.totalBytes == snapshot.files.reduce(0) { $0 + $1.add.size })
        #expect(description.rowCount == 80)
        #expect(description.createdTimeMillis == start)
    }

    @Test func timeTravelByTimestampPicksTheLatestVersionAtOrBeforeTheInstant() throws {
        let scratch = try ScratchDirectory("time-travel")
        var writes = ClockedWrites(scratch)
        try writes.at(start) { try $0.create(schema: TableRows.schema) }
        try writes.at(start + day) { try $0.append([TableRows.batch(0..<10, seed: 31)]) }
        try writes.at(start + 2 * day) { try $0.append([TableRows.batch(10..<20, seed: 32)]) }
        let table = writes.table(at: start + 3 * day)
        #expect(try table.snapshot(asOf: start).version == 0)
        #expect(try table.snapshot(asOf: start + day - 1).version == 0)
        #expect(try table.snapshot(asOf: start + day).version == 1)
        #expect(try table.snapshot(asOf: start + 2 * day + 1).version == 2)
        #expect(try table.snapshot(asOf: start + 400 * day).version == 2)
        #expect(throws: TableLogError.timestampTooEarly(requestedMillis: start - 1, earliestMillis: start)) {
            try table.snapshot(asOf: start - 1)
        }
    }

    @Test func commitTimestampsAreMadeMonotonicWhenFileTimesGoBackwards() throws {
        let scratch = try ScratchDirectory("time-travel-monotonic")
        var writes = ClockedWrites(scratch)
        try writes.at(start) { try $0.create(schema: TableRows.schema) }
        try writes.at(start + day) { try $0.append([TableRows.batch(0..<10, seed: 33)]) }
        try writes.at(start + day - 60_000) { try $0.append([TableRows.batch(10..<20, seed: 34)]) }
        try writes.at(start + day - 120_000) { try $0.append([TableRows.batch(20..<30, seed: 35)]) }
        let table = writes.table(at: start + 2 * day)
        let timestamps = try table.commitTimestamps()
        #expect(timestamps.entries.map(\.timestampMillis) == [start, start + day, start + day + 1, start + day + 2])
        #expect(timestamps.entries.map(\.fileModifiedMillis)[2] == start + day - 60_000)
        #expect(try table.snapshot(asOf: start + day).version == 1)
        #expect(try table.snapshot(asOf: start + day + 1).version == 2)
        #expect(try table.snapshot(asOf: start + day - 60_000).version == 0)
        let rows = try TableScan(snapshot: table.snapshot(asOf: start + day + 1), store: table.store, root: "t")
            .readAll()
        #expect(
            TableRows.canonical(rows)
                == TableRows.canonical([
                    TableRows.batch(0..<10, seed: 33), TableRows.batch(10..<20, seed: 34),
                ]))
        #expect(
            try table.history().map(\.commitTimestampMillis) == [start + day + 2, start + day + 1, start + day, start])
    }
}
