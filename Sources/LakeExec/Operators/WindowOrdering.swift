import LakeColumnar

/// The rows of a window in (partition keys, order keys) order, ties in row order, with a flag per sorted position
/// for the start of each partition and of each peer group (rows equal in every key).
///
/// Fixed-width keys (integers, floats, bools, dates, timestamps) take `FixedWidthSortKeys`: a word-wise radix sort
/// and boundaries from adjacent rows' words. Other keys take `NormalizedSortKeys` and compare encoded bytes.
///
/// Spec: spec/executor.md (window functions)
struct WindowOrdering {
    /// Row indices in window order.
    let sorted: [Int]
    /// `startsPartition[i]`: sorted position `i` is the first row of its partition (true at 0).
    let startsPartition: [Bool]
    /// `startsPeerGroup[i]`: sorted position `i` differs from the previous row in some key (true at 0).
    let startsPeerGroup: [Bool]

    /// Partition keys sort ascending with nulls first; `orderDirections` pair with `orderColumns`; `parallelism`
    /// bounds the workers of the sort.
    init(
        partitionColumns: [Column], orderColumns: [Column], orderDirections: [(ascending: Bool, nullsFirst: Bool)],
        rowCount: Int, parallelism: Int = 1
    ) throws(ExecutionError) {
        let columns = partitionColumns + orderColumns
        let directions = partitionColumns.map { _ in (ascending: true, nullsFirst: true) } + orderDirections
        if let keys = FixedWidthSortKeys(columns: columns, directions: directions, rowCount: rowCount) {
            (sorted, startsPartition, startsPeerGroup) = try keys.sortedRowsWithBoundaries(
                partitionColumns: partitionColumns.count, parallelism: parallelism)
            return
        }
        let sortKeys = try NormalizedSortKeys(columns: columns, directions: directions, rowCount: rowCount)
        let partitionKeys = try NormalizedSortKeys(
            columns: partitionColumns, directions: partitionColumns.map { _ in (true, true) }, rowCount: rowCount)
        let peerKeys = try NormalizedSortKeys(columns: orderColumns, directions: orderDirections, rowCount: rowCount)
        let sorted = sortKeys.sortedRows()
        var partitions = [Bool](repeating: true, count: rowCount)
        var peers = [Bool](repeating: true, count: rowCount)
        for position in Swift.stride(from: 1, to: rowCount, by: 1) {
            let (previous, row) = (sorted[position - 1], sorted[position])
            partitions[position] = !partitionKeys.rowsEqual(previous, row)
            peers[position] = partitions[position] || !peerKeys.rowsEqual(previous, row)
        }
        self.sorted = sorted
        startsPartition = partitions
        startsPeerGroup = peers
    }
}
