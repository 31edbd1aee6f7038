import Foundation
import LakeColumnar
import LakeCore
import LakePipeline
import LakeTable
import Testing

/// `StreamIngestor` over scripted inputs: batching by rows and by time, offsets as txn versions, exactly-once
/// resume, rejected lines, typing by an existing table, stream sequence numbers.
@Suite struct IngestStreamTests {
    func ingestor(
        _ scratch: IngestScratch, _ input: ScriptedIngestInput, rejected: (any RejectedLineLog)? = nil,
        configure: (inout StreamIngestOptions) -> Void = { _ in }
    ) -> StreamIngestor {
        var options = StreamIngestOptions(appId: "test", batchRowsMax: 4, batchIntervalMilliseconds: 1_000)
        configure(&options)
        return StreamIngestor(
            table: scratch.table, input: input, rejectedLines: rejected, options: options,
            monotonicMillis: input.clock.reading)
    }

    @Test func commitsBatchesOfBatchRowsWithTheEndOffsetAsTxnVersion() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text = eventLines(0..<10)
        var offsets: [Int64] = []
        let result = try ingestor(scratch, ScriptedIngestInput(text: text, chunkBytes: 7)).run(onEvent: { event in
            if case .committed(let progress) = event, let version = progress.committedTxnVersion {
                offsets.append(version)
            }
        })
        #expect(result.rowsAppended == 10 && result.commits == 3 && result.createdTable)
        let lineEnds = text.utf8.indices.filter { text.utf8[$0] == UInt8(ascii: "\n") }.map {
            Int64(text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1)
        }
        #expect(offsets == [lineEnds[3], lineEnds[7], lineEnds[9]])
        #expect(try scratch.table.snapshot().transactionVersion(appId: "test") == Int64(text.utf8.count))
        #expect(try scratch.ids() == Array(0..<10))
        let schema = try scratch.table.snapshot().schema.columnarSchema()
        #expect(schema.fields.map(\.name) == ["id", "name"])
        #expect(schema.fields.map(\.type) == [.int64, .utf8])
    }

    /// A run stopped after each commit and restarted on the same bytes appends every line exactly once, whatever
    /// the chunking of the input.
    @Test(arguments: [1, 5, 64, 4_096])
    func restartedIngestResumesAfterTheCommittedOffsetExactlyOnce(chunkBytes: Int) throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text = eventLines(0..<23) + "{\"id\": 23, \"name\": \"no newline at the end\"}"
        var runs = 0
        var resumedLines: [Int] = []
        for _ in 0..<20 {
            runs += 1
            var committed = false
            let input = ScriptedIngestInput(text: text, chunkBytes: chunkBytes)
            let result = try ingestor(scratch, input).run(shouldStop: { committed }) { event in
                switch event {
                case .committed: committed = true
                case .resumed(_, let line): resumedLines.append(line)
                default: break
                }
            }
            if !result.stoppedByRequest { break }
        }
        #expect(runs == 7, "6 runs stopped after a commit of 4 lines each, then one that finds nothing new")
        #expect(resumedLines == [4, 8, 12, 16, 20, 23], "the last line has no line break")
        #expect(try scratch.ids() == Array(0..<24))
        #expect(try scratch.table.snapshot().transactionVersion(appId: "test") == Int64(text.utf8.count))
    }

    @Test func reRunningAFinishedFileAppendsNothing() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text = eventLines(0..<6)
        _ = try ingestor(scratch, ScriptedIngestInput(text: text)).run()
        let version = try scratch.table.snapshot().version
        let again = try ingestor(scratch, ScriptedIngestInput(text: text)).run()
        #expect(again.linesRead == 0 && again.commits == 0 && again.resumedAfter == Int64(text.utf8.count))
        #expect(try scratch.table.snapshot().version == version)
        #expect(try scratch.ids() == Array(0..<6))
    }

    @Test func aFileShorterThanTheCommittedOffsetIsRefused() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        _ = try ingestor(scratch, ScriptedIngestInput(text: eventLines(0..<6))).run()
        #expect {
            try ingestor(scratch, ScriptedIngestInput(text: eventLines(0..<2))).run()
        } throws: { error in
            guard case PipelineError.stepFailed(_, let reason) = error else { return false }
            return reason.contains("truncated or replaced") && reason.contains("'test'")
        }
    }

    @Test func aBatchIsCommittedWhenItsFirstLineHasWaitedTheInterval() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let input = ScriptedIngestInput(
            steps: [
                .bytes(Array(eventLines(0..<2).utf8)), .pause, .pause, .pause, .pause, .pause, .pause,
                .bytes(Array(eventLines(2..<3).utf8)),
            ], isEndless: true)
        var commitTimes: [Int64] = []
        var rowsAtCommit: [Int] = []
        let result = try ingestor(scratch, input) { $0.pollIntervalMilliseconds = 300 }.run(
            shouldStop: { input.clock.now >= 5_000 }
        ) { event in
            if case .committed(let progress) = event {
                commitTimes.append(input.clock.now)
                rowsAtCommit.append(progress.rowsAppended)
            }
        }
        #expect(rowsAtCommit == [2, 3], "two rows after the interval, the third when stopping")
        #expect(commitTimes.first == 1_000, "waits are cut at the batch deadline: \(commitTimes)")
        #expect(result.stoppedByRequest)
        #expect(try scratch.ids() == [0, 1, 2])
    }

    @Test func aPartialLastLineOfAFollowedFileWaitsForItsLineBreak() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let input = ScriptedIngestInput(
            steps: [.bytes(Array((eventLines(0..<2) + "{\"id\": 2, \"na").utf8))], isEndless: true)
        let first = try ingestor(scratch, input).run(shouldStop: { input.clock.now >= 3_000 })
        #expect(first.rowsAppended == 2)
        let rest = ScriptedIngestInput(text: eventLines(0..<3))
        let second = try ingestor(scratch, rest).run()
        #expect(second.rowsAppended == 1 && second.linesRead == 1)
        #expect(try scratch.ids() == [0, 1, 2])
    }

    @Test func badLinesAreRejectedWithFileAndLineAndTheirOffsetStillCounts() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text =
            eventLines(0..<2) + "not json\n" + "\n" + "{\"id\": \"seven\", \"name\": \"x\"}\n"
            + "{\"id\": 5, \"name\": \"n5\", \"color\": \"red\"}\n" + eventLines(6..<9)
        let log = RecordingRejectedLineLog()
        var events: [RejectedLine] = []
        let result = try ingestor(scratch, ScriptedIngestInput(text: text), rejected: log) {
            $0.batchRowsMax = 100
            $0.schema = Schema([Field("id", .int64)])
        }.run(onEvent: { event in
            if case .rejected(let line) = event { events.append(line) }
        })
        #expect(result.rowsAppended == 6 && result.linesRejected == 2 && result.linesRead == 8)
        #expect(log.lines == events)
        #expect(log.lines.map(\.line) == [3, 5])
        #expect(log.lines[0].message.hasPrefix("events.jsonl:3:1: invalid JSON"), "\(log.lines[0].message)")
        #expect(log.lines[1].reason.contains("'id'") && log.lines[1].text.contains("seven"))
        #expect(log.lines[1].message.hasPrefix("events.jsonl:5:8: "), "\(log.lines[1].message)")
        let columns = try scratch.table.snapshot().schema.columnarSchema().fields.map { "\($0.name):\($0.type)" }
        #expect(columns == ["id:int64", "name:utf8", "color:utf8"], "declared, then inferred in first-seen order")
        let lineStarts = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(into: [Int64(0)]) {
            $0.append($0.last! + Int64($1.utf8.count) + 1)
        }
        #expect(log.lines.map(\.offset) == [lineStarts[2], lineStarts[4]])
        #expect(try scratch.ids() == [0, 1, 5, 6, 7, 8])
        #expect(try scratch.table.snapshot().transactionVersion(appId: "test") == Int64(text.utf8.count))
    }

    @Test func aBatchOfOnlyRejectedLinesStillRecordsItsOffset() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text = eventLines(0..<4) + "{oops\n[1]\n"
        let log = RecordingRejectedLineLog()
        let result = try ingestor(scratch, ScriptedIngestInput(text: text), rejected: log).run()
        #expect(result.commits == 2 && result.rowsAppended == 4 && log.lines.count == 2)
        #expect(try scratch.table.snapshot().transactionVersion(appId: "test") == Int64(text.utf8.count))
        let again = try ingestor(scratch, ScriptedIngestInput(text: text), rejected: log).run()
        #expect(again.linesRead == 0 && log.lines.count == 2, "nothing is read or rejected twice")
    }

    @Test func failPolicyStopsWithoutCommittingTheBatchHoldingTheBadLine() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text = eventLines(0..<4) + eventLines(4..<6) + "{\"id\": 6,}\n" + eventLines(7..<8)
        let log = RecordingRejectedLineLog()
        #expect {
            try ingestor(scratch, ScriptedIngestInput(text: text), rejected: log) { $0.onError = .fail }.run()
        } throws: { error in
            guard case PipelineError.stepFailed(_, let reason) = error else { return false }
            return reason.hasPrefix("events.jsonl:7:")
        }
        #expect(log.lines.isEmpty)
        #expect(try scratch.ids() == [0, 1, 2, 3], "the first batch stays, the failing one is not committed")
        #expect(try scratch.table.snapshot().transactionVersion(appId: "test") == Int64(eventLines(0..<4).utf8.count))
    }

    @Test func anExistingTableTypesTheLinesAndRefusesKeysOutsideItsSchema() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        try scratch.table.create(
            schema: Schema([Field("id", .int64, nullable: false), Field("score", .float64), Field("day", .date32)]))
        let text =
            "{\"id\": 1, \"score\": 3, \"day\": \"2024-02-29\"}\n" + "{\"id\": 2, \"score\": 2.5}\n"
            + "{\"id\": 3, \"score\": \"high\"}\n" + "{\"score\": 1}\n" + "{\"id\": 5, \"extra\": true}\n"
        let log = RecordingRejectedLineLog()
        let result = try ingestor(scratch, ScriptedIngestInput(text: text), rejected: log) {
            $0.batchRowsMax = 100
        }.run()
        #expect(!result.createdTable && result.rowsAppended == 2)
        #expect(log.lines.map(\.line) == [3, 4, 5])
        #expect(try scratch.values("score") == [.float64(3), .float64(2.5)])
        #expect(try scratch.values("day") == [.int(19_782), .null])
        #expect(throws: PipelineError.self) {
            try ingestor(scratch, ScriptedIngestInput(text: text)) { $0.schema = Schema([Field("id", .utf8)]) }.run()
        }
    }

    @Test func streamInputNumbersItsBatchesAndContinuesTheSequenceAfterARestart() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        var versions: [Int64] = []
        for ids in [0..<6, 6..<9] {
            let input = ScriptedIngestInput(text: eventLines(ids), offsetsAreStable: false)
            _ = try ingestor(scratch, input).run(onEvent: { event in
                if case .committed(let progress) = event, let version = progress.committedTxnVersion {
                    versions.append(version)
                }
            })
        }
        #expect(versions == [1, 2, 3])
        #expect(try scratch.ids() == Array(0..<9))
    }

    @Test func anOverlongLineIsRejectedWithoutBeingHeld() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let long = "{\"id\": 1, \"name\": \"" + String(repeating: "x", count: 500) + "\"}\n"
        let text = eventLines(0..<1) + long + eventLines(2..<3)
        let log = RecordingRejectedLineLog()
        let result = try ingestor(scratch, ScriptedIngestInput(text: text, chunkBytes: 16), rejected: log) {
            $0.lineBytesMax = 100
        }.run()
        #expect(result.rowsAppended == 2)
        #expect(log.lines.map(\.line) == [2] && log.lines.first?.reason == "line is longer than 100 bytes")
        #expect(log.lines.first?.text.count == 100 && log.lines.first?.offset == Int64(eventLines(0..<1).utf8.count))
        #expect(try scratch.ids() == [0, 2])
    }

    @Test func nanosecondTimestampsAreStoredAsMicroseconds() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        let text =
            "{\"id\": 1, \"at\": \"2024-01-01T00:00:00.123456Z\"}\n{\"id\": 2, \"at\": \"2024-01-01T00:00:01Z\"}\n"
        _ = try ingestor(scratch, ScriptedIngestInput(text: text)).run()
        let schema = try scratch.table.snapshot().schema.columnarSchema()
        #expect(schema.fields.last?.type == .timestamp(.microseconds, utc: true))
        #expect(try scratch.values("at") == [.int(1_704_067_200_123_456), .int(1_704_067_201_000_000)])
    }

    /// Offsets mean "lines consumed" only with one writer per application id: an ingest that sees another writer
    /// move its `txn` stops instead of appending lines twice.
    @Test func anIngestStopsWhenAnotherWriterMovesItsApplicationId() throws {
        let scratch = try IngestScratch()
        defer { scratch.remove() }
        var intruded = false
        #expect {
            try ingestor(scratch, ScriptedIngestInput(text: eventLines(0..<12))).run(onEvent: { event in
                guard case .committed = event, !intruded else { return }
                intruded = true
                _ = try? scratch.table.append([], txn: TransactionAction(appId: "test", version: 1_000_000))
            })
        } throws: { error in
            guard case PipelineError.stepFailed(_, let reason) = error else { return false }
            return reason.contains("another writer moved application id 'test' to version 1000000")
        }
        #expect(try scratch.ids() == [0, 1, 2, 3])
    }
}
