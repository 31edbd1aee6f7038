import LakeColumnar
import LakeCore
import LakeTable

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends a stream of JSON lines to a Delta table in micro-batches, exactly once across restarts.
///
/// A run reads `input` in chunks, cuts it into lines and commits a batch whenever it holds
/// `options.batchRowsMax` lines or its first line has waited `options.batchIntervalMilliseconds`, and at the end of
/// the input or when `shouldStop` turns true (a partial last line of a followed file stays unread). Each commit
/// is an append carrying `txn(appId, version)`:
/// - file input (`offsetsAreStable`): `version` is the byte offset just past the batch's last line. A run starts
///   by reading past the committed offset (counting lines, so errors keep their line numbers) and so never
///   appends a line twice nor skips one; a commit that finds its offset already recorded writes nothing.
/// - stream input: `version` is a batch sequence number continuing the committed one; a restart cannot know
///   which lines a pipe delivered before, so it only keeps the versions increasing.
///
/// Typing: an existing table's schema is used as is (keys outside it are errors). A missing table is created
/// from the first batch: `options.schema`'s columns, then the batch's other keys in first-seen order with types
/// inferred from the batch (see `JSONLinesReader`; nanosecond timestamps become microsecond ones, which Delta
/// stores). A line that is not a JSON object or does not fit the schema is rejected: with `.skip` it goes to
/// `rejectedLines` (before the commit of its batch) and its offset counts as consumed; with `.fail` the run stops
/// and its batch is not committed.
///
/// Spec: spec/pipeline.md#streaming-ingest
public struct StreamIngestor {
    public let table: Table
    public let input: any IngestInput
    /// Where skipped lines go; nil keeps only the count and the `.rejected` events.
    public let rejectedLines: (any RejectedLineLog)?
    public let options: StreamIngestOptions
    /// A monotonic clock in milliseconds, for batch deadlines.
    public let monotonicMillis: @Sendable () -> Int64

    public init(
        table: Table, input: any IngestInput, rejectedLines: (any RejectedLineLog)?, options: StreamIngestOptions,
        monotonicMillis: @escaping @Sendable () -> Int64 = StreamIngestor.systemMonotonicMillis
    ) {
        self.table = table
        self.input = input
        self.rejectedLines = rejectedLines
        self.options = options
        self.monotonicMillis = monotonicMillis
    }

    /// `CLOCK_MONOTONIC` in milliseconds.
    public static let systemMonotonicMillis: @Sendable () -> Int64 = {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Reads until the input ends or `shouldStop` returns true, committing batches as it goes.
    /// - Parameters:
    ///   - shouldStop: polled at least every `pollIntervalMilliseconds`; once true, the batch held is committed
    ///     and the run returns.
    ///   - onEvent: told of the resume point, each rejected line, table creation and each commit.
    /// - Returns: the run's counts.
    /// - Throws: `PipelineError.stepFailed` for invalid options, an input shorter than the committed offset, a
    ///   rejected line under `.fail` (`file:line: reason`), or a declared column that contradicts the table;
    ///   `.storage` when the input, the table or the rejected-line log fails.
    public func run(
        shouldStop: () -> Bool = { false }, onEvent: (IngestEvent) -> Void = { _ in }
    ) throws(PipelineError) -> IngestProgress {
        if let problem = options.problem { throw .stepFailed(step: Self.step, reason: "invalid options: \(problem)") }
        var state = try RunState(table: table, options: options, resumable: input.offsetsAreStable)
        var splitter = IngestLineSplitter(
            startOffset: 0, startLine: 0, lineBytesMax: options.lineBytesMax, keptBytesMax: RejectedLine.textBytesMax)
        if input.offsetsAreStable, let committed = state.progress.resumedAfter, committed > 0 {
            guard let resumed = try skipCommitted(committed, shouldStop: shouldStop) else {
                state.progress.stoppedByRequest = true
                return state.progress
            }
            splitter = IngestLineSplitter(
                startOffset: committed, startLine: resumed, lineBytesMax: options.lineBytesMax,
                keptBytesMax: RejectedLine.textBytesMax)
            onEvent(.resumed(offset: committed, line: resumed))
        }
        var batch = IngestBatch(endOffset: splitter.offset)
        var atEnd = false
        reading: while !atEnd {
            if shouldStop() {
                state.progress.stoppedByRequest = true
                break
            }
            switch try read(waitMilliseconds: waitMilliseconds(batch)) {
            case .bytes(let bytes): splitter.append(bytes)
            case .waiting: break
            case .end: atEnd = true
            }
            while let piece = splitter.next(atEnd: atEnd) {
                try add(piece, to: &batch)
                batch.endOffset = splitter.offset
                if batch.lineCount >= options.batchRowsMax || batch.bytes.count >= options.batchBytesMax {
                    try commit(&batch, state: &state, onEvent: onEvent)
                    if shouldStop() {
                        // Lines read past the commit stay unconsumed; a restart reads them again.
                        state.progress.stoppedByRequest = true
                        break reading
                    }
                }
            }
            if let first = batch.firstMillis,
                monotonicMillis() - first >= Int64(options.batchIntervalMilliseconds)
            {
                try commit(&batch, state: &state, onEvent: onEvent)
            }
        }
        if !batch.isEmpty { try commit(&batch, state: &state, onEvent: onEvent) }
        return state.progress
    }

    static let step = "ingest"

    /// How long the next read may wait: the poll interval, cut short by the held batch's deadline.
    private func waitMilliseconds(_ batch: IngestBatch) -> Int {
        guard let first = batch.firstMillis else { return options.pollIntervalMilliseconds }
        let deadline = first + Int64(options.batchIntervalMilliseconds)
        let left = max(0, deadline - monotonicMillis())
        return Int(min(Int64(options.pollIntervalMilliseconds), left))
    }

    private func read(bytesMax: Int? = nil, waitMilliseconds: Int) throws(PipelineError) -> IngestChunk {
        do {
            return try input.read(bytesMax: bytesMax ?? options.readChunkBytes, waitMilliseconds: waitMilliseconds)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: input.name, reason: "\(error)")
        }
    }

    private func add(_ piece: IngestLineSplitter.Piece, to batch: inout IngestBatch) throws(PipelineError) {
        switch piece {
        case .line(let text, let number, let offset):
            guard !IngestBatch.isBlank(text) else { return }
            batch.append(text, number: number, offset: offset, nowMillis: monotonicMillis())
        case .overlong(let prefix, let number, let offset):
            let line = RejectedLine(
                source: input.name, line: number, offset: offset,
                reason: "line is longer than \(options.lineBytesMax) bytes", bytes: prefix)
            if options.onError == .fail { throw .stepFailed(step: Self.step, reason: line.message) }
            batch.reject(line, nowMillis: monotonicMillis())
        }
    }

    /// Reads past the first `committed` bytes, counting their lines.
    /// - Returns: the number of lines they end, or nil when a stop was requested meanwhile.
    private func skipCommitted(_ committed: Int64, shouldStop: () -> Bool) throws(PipelineError) -> Int? {
        var remaining = committed
        var lines = 0
        while remaining > 0 {
            if shouldStop() { return nil }
            let want = Int(min(Int64(options.readChunkBytes), remaining))
            switch try read(bytesMax: want, waitMilliseconds: 0) {
            case .bytes(let bytes):
                lines += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                remaining -= Int64(bytes.count)
            case .waiting, .end:
                throw .stepFailed(
                    step: Self.step,
                    reason: "\(input.name) holds \(committed - remaining) bytes, fewer than the \(committed) already "
                        + "ingested under application id '\(options.appId)': the file was truncated or replaced; "
                        + "ingest it under another application id to read it again")
            }
        }
        return lines
    }
}
