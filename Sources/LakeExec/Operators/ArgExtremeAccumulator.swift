import LakeColumnar

/// ARG_MIN / ARG_MAX: the value at the row whose key is the group's minimum (maximum).
///
/// The keys live in an `ExtremeAccumulator`, which reports the rows that take the lead; the value of a batch's
/// last leader per group is kept by reference into column chunks (`GroupValueReferences`), not boxed per
/// group. Rows with a null key are skipped; ties keep the earliest row, also across morsels, which merge in input
/// order.
final class ArgExtremeAccumulator: Accumulator {
    let type: DataType
    private let keys: ExtremeAccumulator
    private var values: GroupValueReferences

    init(type: DataType, key: DataType, minimum: Bool) throws(ExecutionError) {
        try key.requireFlat(minimum ? "arg_min" : "arg_max")
        self.type = type
        keys = try ExtremeAccumulator(type: key, minimum: minimum)
        values = GroupValueReferences(type: type)
    }

    func resize(groupCount: Int) {
        keys.resize(groupCount: groupCount)
        values.resize(groupCount: groupCount)
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        throw .invalidArgument(function: keys.minimum ? "arg_min" : "arg_max", reason: "needs a second argument")
    }

    func update(groups: [Int32], argument: Column?, secondArgument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument, let secondArgument else { return try update(groups: groups, argument: nil, rowCount: 0) }
        // Every row that takes its group's lead, in row order; the last one per group wins.
        var leaderGroups: [Int] = []
        var leaderRows: [Int] = []
        try keys.update(
            groups: groups, argument: secondArgument, rowCount: rowCount, leaderGroups: &leaderGroups,
            leaderRows: &leaderRows)
        try values.replace(groups: leaderGroups, rows: leaderRows, of: argument)
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? ArgExtremeAccumulator else { return }
        let otherKeys = try other.keys.finish()
        var leaderGroups: [Int] = []
        var otherGroups: [Int] = []
        try keys.update(
            groups: mapping, argument: otherKeys, rowCount: otherKeys.count, leaderGroups: &leaderGroups,
            leaderRows: &otherGroups)
        try values.set(groups: leaderGroups, toValuesOf: otherGroups, in: other.values)
    }

    func finish() throws(ExecutionError) -> Column { try values.finish() }

    var estimatedBytes: Int { keys.estimatedBytes + values.estimatedBytes }
}
