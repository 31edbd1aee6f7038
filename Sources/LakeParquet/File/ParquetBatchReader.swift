import LakeColumnar

/// Iterates the batches of a Parquet file: projected columns, row groups pruned by statistics, and
/// (optionally) rows filtered by the predicates. Memory holds one row group's projected columns at a time.
///
/// ```swift
/// var reader = try file.makeBatchReader(columns: ["crypto_id", "price_usd"],
///                                       predicates: [ParquetPredicate("crypto_id", .less, .int(100))])
/// while let batch = try reader.next() { ... }
/// ```
///
/// Spec: spec/parquet.md#reader
public struct ParquetBatchReader {
    public let file: ParquetFileReader
    public let columnIndices: [Int]
    public let predicates: [ParquetPredicate]
    public let filterRows: Bool
    public let batchRowsMax: Int?
    /// Row groups left after pruning, in file order.
    public let rowGroups: [Int]
    private var nextGroup = 0
    private var current: Batch?
    private var currentOffset = 0
    /// Row groups skipped by their statistics.
    public var prunedRowGroups: Int { file.rowGroupCount - rowGroups.count }

    init(
        file: ParquetFileReader, columns: [String]?, predicates: [ParquetPredicate], filterRows: Bool,
        batchRowsMax: Int?
    ) throws(ParquetError) {
        self.file = file
        self.predicates = predicates
        self.filterRows = filterRows
        self.batchRowsMax = batchRowsMax
        var indices = try file.columnIndices(columns)
        for predicate in predicates {
            let index = try file.columnIndices([predicate.column])[0]
            if filterRows && !indices.contains(index) { indices.append(index) }
        }
        columnIndices = indices
        var kept: [Int] = []
        groups: for group in file.metadata.rowGroups.indices {
            for predicate in predicates where try !file.rowGroupMayMatch(group, predicate) { continue groups }
            kept.append(group)
        }
        rowGroups = kept
    }

    /// The next batch, or nil at the end.
    public mutating func next() throws(ParquetError) -> Batch? {
        while true {
            if let batch = current, currentOffset < batch.rowCount {
                let count = min(batchRowsMax ?? batch.rowCount, batch.rowCount - currentOffset)
                let slice = count == batch.rowCount ? batch : batch.slice(currentOffset..<(currentOffset + count))
                currentOffset += count
                return slice
            }
            guard nextGroup < rowGroups.count else { return nil }
            var batch = try file.readRowGroup(rowGroups[nextGroup], columnIndices: columnIndices)
            nextGroup += 1
            if filterRows && !predicates.isEmpty {
                batch = RowFilter.apply(predicates, to: batch)
            }
            current = batch
            currentOffset = 0
        }
    }
}

extension ParquetFileReader {
    /// A reader of the named columns (all readable ones when nil). Predicates prune row groups; with
    /// `filterRows` they also drop non-matching rows (predicate columns not asked for are then appended).
    public func makeBatchReader(
        columns: [String]? = nil, predicates: [ParquetPredicate] = [], filterRows: Bool = false,
        batchRowsMax: Int? = nil
    ) throws(ParquetError) -> ParquetBatchReader {
        try ParquetBatchReader(
            file: self, columns: columns, predicates: predicates, filterRows: filterRows, batchRowsMax: batchRowsMax)
    }

    /// Reads every readable column of the whole file into one batch per row group.
    public func readAll(columns: [String]? = nil) throws(ParquetError) -> [Batch] {
        var reader = try makeBatchReader(columns: columns)
        var batches: [Batch] = []
        while let batch = try reader.next() { batches.append(batch) }
        return batches
    }

    /// Whether row group `group` may hold a row matching `predicate`, judged by its column chunk statistics.
    func rowGroupMayMatch(_ group: Int, _ predicate: ParquetPredicate) throws(ParquetError) -> Bool {
        let index = try columnIndices([predicate.column])[0]
        let column = parquetSchema.columns[index]
        guard let meta = metadata.rowGroups[group].columns[index].metaData else { return true }
        if meta.numValues > 0, let nulls = meta.statistics?.nullCount, nulls == meta.numValues {
            return false  // every row is null: no comparison can be true
        }
        guard let (minimum, maximum) = StatisticsValues.bounds(meta.statistics, column: column) else { return true }
        return predicate.mayMatch(minimum: minimum, maximum: maximum)
    }
}
