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
    /// Row groups skipped by their statistics.
    public var prunedRowGroups: Int { file.rowGroupCount - rowGroups.count }

    init(
        file: ParquetFileReader, columns: [String]?, predicates: [ParquetPredicate], filterRows: Bool,
        batchRowsMax: Int?
    ) throws(ParquetError) {
        self.file = file
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
            for predicate in predicates where try !file.rowGroupMayMatch(group, predicate) { continue groups }
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
                decoded = try decode(step)
            }
            current = decoded.removeFirst()
            currentOffset = 0
        }
    }

    /// Reads (and filters) `groups`, in parallel when there are several.
    private func decode(_ groups: [Int]) throws(ParquetError) -> [Batch] {
        let file = file
        let columnIndices = columnIndices
        let predicates = filterRows ? predicates : []
        let results = ParallelResults<Batch>(count: groups.count)
        let work: @Sendable (Int) -> Void = { slot in
            results.store(slot) { () throws(ParquetError) in
                let batch = try file.readRowGroup(groups[slot], columnIndices: columnIndices)
                return predicates.isEmpty ? batch : RowFilter.apply(predicates, to: batch)
            }
        }
        if groups.count > 1 {
            DispatchQueue.concurrentPerform(iterations: groups.count, execute: work)
        } else {
            work(0)
        }
        return try results.values()
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
