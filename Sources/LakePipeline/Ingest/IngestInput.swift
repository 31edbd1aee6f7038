/// What one read of an `IngestInput` produced.
public enum IngestChunk: Sendable, Equatable {
    /// Bytes that arrived, never empty.
    case bytes([UInt8])
    /// Nothing arrived within the wait, but more may come: a followed file at its current end, or a pipe whose
    /// writer has not written yet.
    case waiting
    /// The input is over: no byte will ever follow.
    case end
}

/// A byte stream of JSON lines that `StreamIngestor` reads in chunks.
///
/// Contracts: `read` returns within about `waitMilliseconds` (so that the ingestor can commit on time and notice a
/// stop request); after `.end` it keeps returning `.end`. When `offsetsAreStable`, byte `n` of the stream is byte
/// `n` of the same content on every run (a regular file that only grows), which lets a restarted ingest resume
/// at the byte offset it committed last; otherwise (a pipe) each run sees new content.
///
/// Spec: spec/pipeline.md#streaming-ingest
public protocol IngestInput: AnyObject {
    /// Names the input in errors and rejected-line records: the file's path, or `<stdin>`.
    var name: String { get }
    /// True when byte offsets identify the same bytes across runs, so ingest resumes by offset.
    var offsetsAreStable: Bool { get }
    /// Reads at most `bytesMax` bytes (`bytesMax > 0`), waiting at most `waitMilliseconds` for some to arrive.
    func read(bytesMax: Int, waitMilliseconds: Int) throws -> IngestChunk
}
