/// What one endpoint did in one extraction run: a row of the `_lake/extract_runs` table.
///
/// Spec: spec/pipeline.md#run-records
public struct RunRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// The snapshot was written (or there was nothing to fetch).
        case succeeded
        /// The endpoint failed; `error` says why and the run went on.
        case failed
        /// Nothing to do: an incremental endpoint found no new ids.
        case skipped
        /// The whole run was refused before any request because it would break the credit budget.
        case refused
    }

    /// The run's start time as `yyyyMMdd_HHmmss`, shared by every record of the run.
    public var runID: String
    /// Position of the endpoint in its run, from 0: orders the records of a run.
    public var sequence: Int64
    public var endpoint: String
    public var source: String
    /// JSON: `{"path": ..., "requests": ["start=1&limit=5", ...]}` (query strings; never headers or keys).
    public var parameters: String
    public var requests: Int64
    public var rows: Int64
    public var credits: Int64
    public var status: Status
    public var error: String?
    public var bronzePath: String?
    public var startedMillis: Int64
    public var finishedMillis: Int64

    public init(
        runID: String, sequence: Int64, endpoint: String, source: String, parameters: String, requests: Int64,
        rows: Int64,
        credits: Int64, status: Status, error: String?, bronzePath: String?, startedMillis: Int64,
        finishedMillis: Int64
    ) {
        self.runID = runID
        self.sequence = sequence
        self.endpoint = endpoint
        self.source = source
        self.parameters = parameters
        self.requests = requests
        self.rows = rows
        self.credits = credits
        self.status = status
        self.error = error
        self.bronzePath = bronzePath
        self.startedMillis = startedMillis
        self.finishedMillis = finishedMillis
    }
}
