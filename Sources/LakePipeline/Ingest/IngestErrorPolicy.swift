/// What `StreamIngestor` does with a line that is not JSON or does not fit the table's schema.
///
/// Spec: spec/pipeline.md#streaming-ingest
public enum IngestErrorPolicy: String, Sendable, Hashable, CaseIterable {
    /// Record the line and the reason in the rejected-line log and go on; the line's offset still counts as
    /// consumed, so a restart does not read it again.
    case skip
    /// Stop with the error; the batch the line belongs to is not committed (earlier batches stay committed).
    case fail
}
