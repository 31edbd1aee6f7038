/// The identity of a resolved table as the catalog chose it: enough for the session to open exactly the snapshot
/// the binder planned against, and nothing that does I/O.
///
/// Spec: spec/sql.md §8.1.
public struct TableHandle: Sendable, Hashable, CustomStringConvertible {
    /// The catalog's canonical name of the table (`silver.fact_crypto_market`, a normalised path, or the text of a
    /// table function call); shown by EXPLAIN.
    public var identity: String
    /// The snapshot version read; nil for sources without versions (Parquet files, table functions).
    public var version: Int64?

    public init(identity: String, version: Int64? = nil) {
        self.identity = identity
        self.version = version
    }

    /// `silver.fact@12`, or the identity alone without a version.
    public var description: String { version.map { "\(identity)@\($0)" } ?? identity }
}
