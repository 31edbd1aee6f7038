import LakeColumnar

/// How `StreamIngestor` batches, types and commits a stream of JSON lines. Limits have their units in their names.
///
/// Spec: spec/pipeline.md#streaming-ingest
public struct StreamIngestOptions: Sendable, Hashable {
    /// The `txn` application id the commits carry; the table remembers the last version committed under it, which
    /// is where a restarted ingest resumes. Use one id per input.
    public var appId: String
    /// A batch is committed once it holds this many lines (rejected lines included).
    public var batchRowsMax: Int
    /// ... or once its first line has waited this long, whichever comes first.
    public var batchIntervalMilliseconds: Int
    /// Longest wait for input before the ingestor looks at the clock and at stop requests again.
    public var pollIntervalMilliseconds: Int
    /// Bytes asked of the input per read.
    public var readChunkBytes: Int
    /// A longer line is rejected without being held in memory (its first `RejectedLine.textBytesMax` bytes are
    /// kept in the record).
    public var lineBytesMax: Int
    /// A batch is also committed once its lines hold this many bytes, bounding memory.
    public var batchBytesMax: Int
    /// What happens to a line that does not parse or does not fit the schema.
    public var onError: IngestErrorPolicy
    /// Declared columns. When the table does not exist, it is created with these columns plus the other keys of
    /// the first batch (inferred, nullable). When it exists, each declared column must be a table column of the
    /// same type.
    public var schema: Schema?

    public init(
        appId: String, batchRowsMax: Int = 10_000, batchIntervalMilliseconds: Int = 5_000,
        pollIntervalMilliseconds: Int = 200, readChunkBytes: Int = 1 << 20, lineBytesMax: Int = 64 << 20,
        batchBytesMax: Int = 256 << 20, onError: IngestErrorPolicy = .skip, schema: Schema? = nil
    ) {
        self.appId = appId
        self.batchRowsMax = batchRowsMax
        self.batchIntervalMilliseconds = batchIntervalMilliseconds
        self.pollIntervalMilliseconds = pollIntervalMilliseconds
        self.readChunkBytes = readChunkBytes
        self.lineBytesMax = lineBytesMax
        self.batchBytesMax = batchBytesMax
        self.onError = onError
        self.schema = schema
    }

    /// Nil when the options are usable, else what is wrong with them.
    public var problem: String? {
        if appId.isEmpty { return "the application id is empty" }
        if batchRowsMax < 1 { return "the batch row count must be at least 1" }
        if batchIntervalMilliseconds < 0 { return "the batch interval cannot be negative" }
        if pollIntervalMilliseconds < 1 { return "the poll interval must be at least 1 ms" }
        if readChunkBytes < 1 { return "the read chunk must be at least 1 byte" }
        if lineBytesMax < 1 || lineBytesMax > 1 << 30 { return "the line limit must be in 1 B...1 GiB" }
        if batchBytesMax < 1 { return "the batch byte limit must be at least 1 byte" }
        return nil
    }
}
