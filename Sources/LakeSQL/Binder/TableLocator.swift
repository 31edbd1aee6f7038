/// What a statement asks the catalog for: a table by name in the lake root, a table by path or URL, or the rows of
/// a table function such as `read_parquet('bronze/listings/*.parquet')`.
///
/// Names keep the spelling written; the catalog decides how to match case (the binder passes unquoted parts as
/// written, so a catalog over a file system typically lower-cases them).
///
/// Spec: spec/sql.md §8.1.
public enum TableLocator: Sendable, Hashable, CustomStringConvertible {
    /// `silver.fact_crypto_market`: the dotted parts, outermost first; never empty.
    case name([String])
    /// `'/data/lake/silver/fact'`, `'s3://bucket/t'`.
    case path(String)
    /// `read_parquet('bronze/x/*.parquet')`: the function name in lower case and its constant arguments.
    case function(String, arguments: [String])

    public var description: String {
        switch self {
        case .name(let parts): parts.joined(separator: ".")
        case .path(let path): "'\(path)'"
        case .function(let name, let arguments): "\(name)(\(arguments.map { "'\($0)'" }.joined(separator: ", ")))"
        }
    }
}
