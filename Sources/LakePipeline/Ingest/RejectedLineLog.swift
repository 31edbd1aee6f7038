/// Where `StreamIngestor` keeps the lines it skipped (`IngestErrorPolicy.skip`).
///
/// Contract: `record` returns only once the records are durable, because the ingestor calls it before it commits
/// the batch the lines belong to; a crash between the two makes a restart record the same lines again, so an
/// implementation should drop a record whose `source` and `offset` it already holds when `isResumable` (the
/// offsets then name the same bytes on every run).
///
/// Spec: spec/pipeline.md#rejected-lines
public protocol RejectedLineLog: AnyObject {
    /// Appends `lines`, stamped with the ingest's `appId` and `rejectedAtMillis`.
    /// - Parameter isResumable: whether the lines' offsets are stable across runs (file input).
    func record(_ lines: [RejectedLine], appId: String, rejectedAtMillis: Int64, isResumable: Bool) throws
}
