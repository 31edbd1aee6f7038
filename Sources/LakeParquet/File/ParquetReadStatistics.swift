/// What a filtered read skipped and what it decoded, so callers and tests can see pruning work.
///
/// Counts accumulate over the row groups a `ParquetBatchReader` has decoded so far (pruning of whole row groups is
/// counted when the reader is made).
///
/// Spec: spec/parquet.md#pruning
public struct ParquetReadStatistics: Sendable, Hashable {
    /// Row groups skipped because their chunk statistics prove no row matches.
    public var rowGroupsPrunedByStatistics = 0
    /// Row groups skipped because a bloom filter proves an `=` literal absent.
    public var rowGroupsPrunedByBloomFilter = 0
    /// Data pages of projected columns decoded.
    public var pagesRead = 0
    /// Data pages of projected columns neither fetched nor decoded, thanks to the page index.
    public var pagesSkipped = 0
    /// Rows of decoded row groups dropped by the page index before row filtering.
    public var rowsSkippedByPageIndex = 0

    public init() {}

    /// Adds the counts of `other` (e.g. of another file of the same scan).
    public mutating func add(_ other: ParquetReadStatistics) {
        rowGroupsPrunedByStatistics += other.rowGroupsPrunedByStatistics
        rowGroupsPrunedByBloomFilter += other.rowGroupsPrunedByBloomFilter
        pagesRead += other.pagesRead
        pagesSkipped += other.pagesSkipped
        rowsSkippedByPageIndex += other.rowsSkippedByPageIndex
    }
}
