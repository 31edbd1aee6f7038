/// How a statement names a table: by name within the lake root (`silver.fact_crypto_market`) or by path or URL
/// in quotes (`'/data/lake/silver/fact'`, `'s3://bucket/t'`).
///
/// Spec: spec/sql.md §2.3.
public enum TableIdentifier: Sendable, Hashable {
    case name(ObjectName)
    /// The path as written, without quotes.
    case path(String)
}
