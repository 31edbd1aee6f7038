/// Ids an endpoint requests, taken from the latest bronze snapshot of another endpoint.
///
/// Ids are sent `batchSize` at a time, comma-separated, in the query parameter `parameter`. With `incremental`,
/// ids already extracted successfully by earlier runs (the `_lake/seen_ids.json` state) are left out, so an info
/// endpoint only fetches what is new. At most `idsMax` ids are requested per run (the first ones in snapshot
/// order), which bounds the credits one run can spend.
///
/// Spec: spec/pipeline.md#incremental-extraction
public struct EndpointIDInput: Sendable, Hashable {
    /// The endpoint whose latest bronze snapshot lists the ids.
    public var sourceEndpoint: String
    /// The column of that snapshot holding them.
    public var sourceColumn: String
    /// The query parameter that carries them.
    public var parameter: String
    public var batchSize: Int
    public var incremental: Bool
    public var idsMax: Int
    /// With a batch size of 1, a column added to every record holding the id it was requested for (for payloads
    /// that do not repeat it, such as exchange assets).
    public var contextColumn: String?

    public init(
        sourceEndpoint: String, sourceColumn: String = "id", parameter: String = "id", batchSize: Int,
        incremental: Bool, idsMax: Int, contextColumn: String? = nil
    ) {
        precondition(batchSize > 0 && idsMax > 0, "batch size and id limit must be positive")
        self.sourceEndpoint = sourceEndpoint
        self.sourceColumn = sourceColumn
        self.parameter = parameter
        self.batchSize = batchSize
        self.incremental = incremental
        self.idsMax = idsMax
        self.contextColumn = contextColumn
    }
}
