import LakeColumnar

/// `f(DISTINCT x)` for any one-argument aggregate `f`: forwards to `f` only the rows whose (group, value) pair is
/// new, in input order, so `f` sees each group's distinct values in order of first appearance (nulls count as one
/// value; `f` skips them as usual).
///
/// A partial table (fed by `update`) keeps the distinct rows it forwarded; merging replays them through the final
/// table's pair set (without keeping them again), so a value seen by two morsels is still aggregated once.
final class DistinctAccumulator: Accumulator {
    private let inner: any Accumulator
    private var pairs = KeyHashTable()
    private var forwarded: [(groups: [Int32], values: Column)] = []
    private var forwardedBytes = 0

    init(_ inner: any Accumulator) { self.inner = inner }

    var type: DataType { inner.type }

    func resize(groupCount: Int) { inner.resize(groupCount: groupCount) }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        try forwardNewPairs(groups: groups, values: argument, keeping: true)
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? DistinctAccumulator else { return }
        for piece in other.forwarded {
            try forwardNewPairs(groups: piece.groups.map { mapping[Int($0)] }, values: piece.values, keeping: false)
        }
    }

    /// Passes the rows whose (group, value) pair is new to the inner accumulator, and keeps them for a later merge
    /// when `keeping`.
    private func forwardNewPairs(groups: [Int32], values: Column, keeping: Bool) throws(ExecutionError) {
        let rowCount = values.count
        guard rowCount > 0 else { return }
        let keys = try RowKeyEncoder.encode([values], rowCount: rowCount, prefix: groups)
        let (_, inserted) = try pairs.insert(keys)
        let rows = (0..<rowCount).filter { inserted[$0] }
        guard !rows.isEmpty else { return }
        let newValues = rows.count == rowCount ? values : values.taking(rows)
        let newGroups = rows.count == rowCount ? groups : rows.map { groups[$0] }
        try inner.update(groups: newGroups, argument: newValues, rowCount: rows.count)
        guard keeping else { return }
        forwarded.append((newGroups, newValues))
        forwardedBytes += newValues.estimatedBytes + newGroups.count * 4
    }

    func finish() throws(ExecutionError) -> Column { try inner.finish() }

    var estimatedBytes: Int { inner.estimatedBytes + pairs.estimatedBytes + forwardedBytes }
}
