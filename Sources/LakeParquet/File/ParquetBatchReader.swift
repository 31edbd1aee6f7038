import Dispatch
import LakeColumnar

/// Iterates the batches of a Parquet file: projected columns, row groups pruned by statistics, and
/// (optionally) rows filtered by the predicates. Memory holds one row group's projected columns at a time, or
/// two when fewer columns than cores are read: then two row groups decode side by side to use every core.
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
    /// Whether filtered reads (`filterRows` with predicates) use the page index to skip pages.
    public let usesPageIndex: Bool
    /// Whether `=` predicates consult bloom filters to skip row groups.
    public let usesBloomFilters: Bool
    /// What pruning skipped so far: row groups when the reader was made, pages as row groups are decoded.
    public private(set) var statistics = ParquetReadStatistics()
    /// Row groups left after pruning, in file order.
    public let rowGroups: [Int]
    private var nextGroup = 0
    /// Decoded row groups not yet handed out, in file order.
    private var decoded: [Batch] = []
    private var current: Batch?
    private var currentOffset = 0
    /// Row groups decoded together: two when the projection alone cannot keep the cores busy.
    private let groupsPerStep: Int
    /// Projections narrower than this decode two row groups at a time.
    static let fewColumns = 4
    /// Row groups skipped by their statistics or bloom filters.
    public var prunedRowGroups: Int { file.rowGroupCount - rowGroups.count }

    init(
        file: ParquetFileReader, columns: [String]?, predicates: [ParquetPredicate], filterRows: Bool,
        batchRowsMax: Int?, usesPageIndex: Bool, usesBloomFilters: Bool
    ) throws(ParquetError) {
        self.file = file
        self.usesPageIndex = usesPageIndex
        self.usesBloomFilters = usesBloomFilters
        self.predicates = predicates
        self.filterRows = filterRows
        precondition(batchRowsMax.map { $0 > 0 } ?? true, "batchRowsMax must be positive")
        self.batchRowsMax = batchRowsMax
        var indices = try file.columnIndices(columns)
        for predicate in predicates {
            let index = try file.columnIndices([predicate.column])[0]
            if let type = file.parquetSchema.fields[index].field?.type, !predicate.literalFits(type) {
                throw ParquetError(
                    .invalidArgument, "cannot compare column '\(predicate.column)' of type \(type) with \(predicate.value)",
                    file: file.path)
            }
            if filterRows && !indices.contains(index) { indices.append(index) }
        }
        columnIndices = indices
        var kept: [Int] = []
        groups: for group in file.metadata.rowGroups.indices {
            for predicate in predicates where try !file.rowGroupMayMatch(group, predicate) {
                statistics.rowGroupsPrunedByStatistics += 1
                continue groups
            }
            if usesBloomFilters {
                for predicate in predicates where try !file.bloomFilterMayContain(rowGroup: group, predicate) {
                    statistics.rowGroupsPrunedByBloomFilter += 1
                    continue groups
                }
            }
            kept.append(group)
        }
        rowGroups = kept
        groupsPerStep = indices.count < Self.fewColumns ? 2 : 1
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
            current = nil  // release the handed-out row group before decoding the next ones
            if decoded.isEmpty {
                guard nextGroup < rowGroups.count else { return nil }
                let step = Array(rowGroups[nextGroup..<min(rowGroups.count, nextGroup + groupsPerStep)])
                nextGroup += step.count
                let (batches, counts) = try decode(step)
                decoded = batches
                statistics.add(counts)
            }
            current = decoded.removeFirst()
            currentOffset = 0
        }
    }

    /// Reads (and filters) `groups`, in parallel when there are several. A filtered read restricts each row
    /// group to the rows its page index leaves (exact: the row filter runs afterwards either way).
    private func decode(_ groups: [Int]) throws(ParquetError) -> ([Batch], ParquetReadStatistics) {
        let file = file
        let columnIndices = columnIndices
        let predicates = filterRows ? predicates : []
        let usesPageIndex = usesPageIndex
        let results = ParallelResults<(Batch, ParquetReadStatistics)>(count: groups.count)
        let work: @Sendable (Int) -> Void = { slot in
            results.store(slot) { () throws(ParquetError) in
                let group = groups[slot]
                let read: (Batch, ParquetReadStatistics)
                if !predicates.isEmpty, usesPageIndex,
                    let rows = try file.candidateRows(rowGroup: group, predicates: predicates),
                    rows.rowCount < file.metadata.rowGroups[group].numRows
                {
                    read = try file.readRowGroup(group, columnIndices: columnIndices, rows: rows)
                } else {
                    read = (try file.readRowGroup(group, columnIndices: columnIndices), ParquetReadStatistics())
                }
                return predicates.isEmpty ? read : (RowFilter.apply(predicates, to: read.0), read.1)
            }
        }
        if groups.count > 1 {
            DispatchQueue.concurrentPerform(iterations: groups.count, execute: work)
        } else {
            work(0)
        }
        var statistics = ParquetReadStatistics()
        var batches: [Batch] = []
        for (batch, counts) in try results.values() {
            batches.append(batch)
            statistics.add(counts)
        }
        return (batches, statistics)
    }
}

extension ParquetFileReader {
    /// A reader of the named columns (all readable ones when nil). Predicates prune row groups (chunk statistics,
    /// and bloom filters for `=` unless `usesBloomFilters` is false); with `filterRows` they also drop non-matching
    /// rows (predicate columns not asked for are then appended) and, unless `usesPageIndex` is false, the page
    /// index skips pages that cannot hold a match. The rows returned do not depend on either switch.
    public func makeBatchReader(
        columns: [String]? = nil, predicates: [ParquetPredicate] = [], filterRows: Bool = false,
        batchRowsMax: Int? = nil, usesPageIndex: Bool = true, usesBloomFilters: Bool = true
    ) throws(ParquetError) -> ParquetBatchReader {
        try ParquetBatchReader(
            file: self, columns: columns, predicates: predicates, filterRows: filterRows, batchRowsMax: batchRowsMax,
            usesPageIndex: usesPageIndex, usesBloomFilters: usesBloomFilters)
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
        let field = parquetSchema.fields[try columnIndices([predicate.column])[0]]
        // Statistics of a nested column's leaves say nothing simple about its top-level values.
        guard field.isFlat else { return true }
        let index = field.leaves.lowerBound
        let column = parquetSchema.columns[index]
        guard let meta = metadata.rowGroups[group].columns[index].metaData else { return true }
        if meta.numValues > 0, let nulls = meta.statistics?.nullCount, nulls == meta.numValues {
            return false  // every row is null: no comparison can be true
        }
        guard let (minimum, maximum) = StatisticsValues.bounds(meta.statistics, column: column) else { return true }
        return predicate.mayMatch(minimum: minimum, maximum: maximum)
    }
}
