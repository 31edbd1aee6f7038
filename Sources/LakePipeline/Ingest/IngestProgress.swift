/// Counts of one `StreamIngestor.run`, reported after every commit and returned at the end.
///
/// Spec: spec/pipeline.md#streaming-ingest
public struct IngestProgress: Sendable, Hashable {
    /// The `txn` version the table held for the application id when the run started (nil: none), i.e. the byte
    /// offset (file input) or the batch sequence number (stream input) the run resumed after.
    public var resumedAfter: Int64?
    /// Non-blank lines this run consumed: appended, rejected, or part of a batch found already applied.
    public var linesRead = 0
    public var rowsAppended = 0
    public var linesRejected = 0
    /// Commits this run made, including commits that only record the offset of rejected lines.
    public var commits = 0
    /// Batches another writer had committed under the same application id meanwhile (nothing written).
    public var batchesAlreadyApplied = 0
    /// The `txn` version of the last batch committed (or found applied) by this run.
    public var committedTxnVersion: Int64?
    /// The table version of the last commit of this run.
    public var tableVersion: Int64?
    /// True when this run created the table.
    public var createdTable = false
    /// True when the run ended because a stop was requested rather than at the end of the input.
    public var stoppedByRequest = false

    public init(resumedAfter: Int64? = nil) {
        self.resumedAfter = resumedAfter
    }
}

/// What `StreamIngestor.run` tells its caller while it runs.
public enum IngestEvent: Sendable, Hashable {
    /// The input was skipped up to the committed offset, which ends line `line`; reading resumes after it.
    case resumed(offset: Int64, line: Int)
    /// A line was refused (before the batch holding it is committed, or the run fails).
    case rejected(RejectedLine)
    /// The table did not exist and was created with these column descriptions (`name:type`).
    case createdTable(columns: [String])
    /// A batch was committed (or found already applied); the counts so far.
    case committed(IngestProgress)
}
