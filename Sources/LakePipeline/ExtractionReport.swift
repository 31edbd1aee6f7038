/// The outcome of one extraction run: a record per endpoint, as appended to `_lake/extract_runs`.
public struct ExtractionReport: Sendable, Hashable {
    public var runID: String
    public var records: [RunRecord]

    /// The record of `endpoint`, if it ran.
    public func record(_ endpoint: String) -> RunRecord? { records.first { $0.endpoint == endpoint } }

    /// Records whose endpoint failed.
    public var failures: [RunRecord] { records.filter { $0.status == .failed } }
}
