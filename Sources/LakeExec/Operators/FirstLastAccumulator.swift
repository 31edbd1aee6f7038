import LakeColumnar

/// FIRST / LAST: the value of the group's first or last row in input order (nulls included); ANY_VALUE: FIRST
/// over the non-null rows only.
///
/// Values stay in column chunks (`GroupValueReferences.pick`): a batch costs one pass over its group ids and one
/// `taking` of the rows that win, with no boxed value per group.
final class FirstLastAccumulator: Accumulator {
    let type: DataType
    let first: Bool
    let skipsNulls: Bool
    private var chosen: GroupValueReferences

    init(type: DataType, first: Bool, skipsNulls: Bool) {
        self.type = type
        self.first = first
        self.skipsNulls = skipsNulls
        chosen = GroupValueReferences(type: type)
    }

    func resize(groupCount: Int) { chosen.resize(groupCount: groupCount) }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        try chosen.pick(
            from: argument, groups: groups, rowCount: rowCount, last: !first, keepsExisting: first,
            skipsNulls: skipsNulls)
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? FirstLastAccumulator else { return }
        try chosen.merge(other.chosen, mapping: mapping, replacing: !first)
    }

    func finish() throws(ExecutionError) -> Column { try chosen.finish() }

    var estimatedBytes: Int { chosen.estimatedBytes }
}
