import Foundation
import LakeColumnar
import LakeCore
import LakePipeline
import LakeTable
import Synchronization

/// A monotonic clock the test moves by hand.
final class ManualIngestClock: Sendable {
    private let millis = Mutex<Int64>(0)

    var now: Int64 { millis.withLock { $0 } }

    func advance(_ amount: Int64) {
        millis.withLock { $0 += amount }
    }

    var reading: @Sendable () -> Int64 { { [self] in now } }
}

/// An `IngestInput` that serves scripted bytes in chunks of at most `chunkBytes`, with `.waiting` pauses that move
/// `clock` by the wait the ingestor asked for. After the script it reports `.end`, or keeps `.waiting` when
/// `isEndless` (a followed file).
final class ScriptedIngestInput: IngestInput {
    enum Step {
        case bytes([UInt8])
        case pause
    }

    let name: String
    let offsetsAreStable: Bool
    let chunkBytes: Int
    let clock: ManualIngestClock
    var isEndless: Bool
    private var steps: [Step]
    private(set) var bytesServed = 0

    init(
        name: String = "events.jsonl", steps: [Step], offsetsAreStable: Bool = true, chunkBytes: Int = 1 << 20,
        clock: ManualIngestClock = ManualIngestClock(), isEndless: Bool = false
    ) {
        self.name = name
        self.steps = steps
        self.offsetsAreStable = offsetsAreStable
        self.chunkBytes = chunkBytes
        self.clock = clock
        self.isEndless = isEndless
    }

    convenience init(text: String, chunkBytes: Int = 1 << 20, offsetsAreStable: Bool = true) {
        self.init(steps: [.bytes(Array(text.utf8))], offsetsAreStable: offsetsAreStable, chunkBytes: chunkBytes)
    }

    func read(bytesMax: Int, waitMilliseconds: Int) throws -> IngestChunk {
        guard let step = steps.first else {
            if isEndless {
                clock.advance(Int64(waitMilliseconds))
                return .waiting
            }
            return .end
        }
        switch step {
        case .pause:
            steps.removeFirst()
            clock.advance(Int64(waitMilliseconds))
            return .waiting
        case .bytes(let bytes):
            let count = min(bytesMax, chunkBytes, bytes.count)
            if count == bytes.count { steps.removeFirst() } else { steps[0] = .bytes(Array(bytes[count...])) }
            bytesServed += count
            return .bytes(Array(bytes[..<count]))
        }
    }
}

/// A `RejectedLineLog` in memory.
final class RecordingRejectedLineLog: RejectedLineLog {
    private(set) var lines: [RejectedLine] = []

    func record(_ lines: [RejectedLine], appId: String, rejectedAtMillis: Int64, isResumable: Bool) throws {
        self.lines += lines
    }
}

/// A fresh local table for one test, and readers of its rows.
struct IngestScratch {
    let url: URL
    let table: Table

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lake-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        table = Table(store: LocalObjectStore(root: url.appendingPathComponent("events").path))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Every value of column `name`, in scan order.
    func values(_ name: String) throws -> [Value] {
        var result: [Value] = []
        for batch in try table.scan(columns: [name]).readAll() {
            for row in 0..<batch.rowCount { result.append(batch.columns[0].value(at: row)) }
        }
        return result
    }

    /// The `id` column as sorted integers.
    func ids() throws -> [Int64] {
        try values("id").compactMap { value -> Int64? in
            if case .int(let id) = value { return id }
            return nil
        }.sorted()
    }
}

/// `{"id": <n>, "name": "n<n>"}` lines for `ids`.
func eventLines(_ ids: Range<Int>) -> String {
    ids.map { "{\"id\": \($0), \"name\": \"n\($0)\"}\n" }.joined()
}
