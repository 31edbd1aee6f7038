/// Bounds on untrusted log input, checked before allocating.
///
/// Spec: spec/table-log.md §14.
public enum TableLimits {
    /// Largest commit file we read.
    public static let commitBytesMax = 256 << 20
    /// Largest single line of a commit file.
    public static let logLineBytesMax = 64 << 20
    /// Deepest nesting of a schema's struct/array/map types.
    public static let schemaDepthMax = 64
    /// Most partition columns a table may have.
    public static let partitionColumnsMax = 64
    /// Most attempts to publish one commit (the first plus retries after losing races to compatible commits).
    public static let commitAttemptsMax = 15
    /// Largest serialized deletion vector we read (`sizeInBytes`), checked before any DV byte is fetched.
    public static let deletionVectorBytesMax = 256 << 20
    /// Longest string statistic we write, in Unicode code points.
    public static let statsStringPrefixCodePointsMax = 32
}
