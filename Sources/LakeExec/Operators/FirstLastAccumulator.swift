import LakeColumnar

/// FIRST / LAST: the value of the group's first or last row in input order (nulls included); ANY_VALUE: FIRST
/// over the non-null rows only.
///
/// Values stay in column chunks (`GroupValueReferences`): a batch costs one pass over its group ids and one
/// `taking` of the rows that win, with no boxed value per group.
final class FirstLastAccumulator: Accumulator {
    let type: DataType
    let first: Bool
    let skipsNulls: Bool
    private var chosen: GroupValueReferences
    /// Per group, whether the current batch picked a row for it; all false between batches.
    private var picked: [Bool] = []

    init(type: DataType, first: Bool, skipsNulls: Bool) {
        self.type = type
        self.first = first
        self.skipsNulls = skipsNulls
        chosen = GroupValueReferences(type: type)
    }

    func resize(groupCount: Int) {
        chosen.resize(groupCount: groupCount)
        if picked.count < groupCount { picked.append(contentsOf: repeatElement(false, count: groupCount - picked.count)) }
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        let checksNulls = skipsNulls && argument.validity != nil
        var pickedGroups: [Int] = []
        var pickedRows: [Int] = []
        // Loops work on a local array (moved out and back) to avoid per-element exclusivity checks on the class.
        var picked = self.picked
        self.picked = []
        if first {
            // A group is taken by its first row here unless it already holds a value.
            for row in 0..<rowCount where !checksNulls || argument.isValid(row) {
                let group = Int(groups[row])
                if picked[group] || chosen.contains(group) { continue }
                picked[group] = true
                pickedGroups.append(group)
                pickedRows.append(row)
            }
        } else {
            // The last row of each group in this batch: scan backwards, first sight wins.
            for row in stride(from: rowCount - 1, through: 0, by: -1) where !checksNulls || argument.isValid(row) {
                let group = Int(groups[row])
                if picked[group] { continue }
                picked[group] = true
                pickedGroups.append(group)
                pickedRows.append(row)
            }
            pickedGroups.reverse()
            pickedRows.reverse()
        }
        for group in pickedGroups { picked[group] = false }
        self.picked = picked
        try chosen.set(groups: pickedGroups, rows: pickedRows, of: argument)
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? FirstLastAccumulator else { return }
        try chosen.merge(other.chosen, mapping: mapping, replacing: !first)
    }

    func finish() throws(ExecutionError) -> Column { try chosen.finish() }

    var estimatedBytes: Int { chosen.estimatedBytes }
}
