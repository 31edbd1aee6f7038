import LakeColumnar

/// BOOL_AND (`all`) and BOOL_OR over the non-null values of each group; null for a group without one.
final class BoolAccumulator: Accumulator {
    let type = DataType.bool
    let all: Bool
    var values: [Bool] = []
    var seen: [Bool] = []

    init(all: Bool) { self.all = all }

    func resize(groupCount: Int) {
        let added = groupCount - values.count
        guard added > 0 else { return }
        values.append(contentsOf: repeatElement(all, count: added))
        seen.append(contentsOf: repeatElement(false, count: added))
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        guard case .bool(let flags) = argument.values else { throw .typeMismatch("bool_and/bool_or input") }
        var localValues = values
        var localSeen = seen
        (values, seen) = ([], [])
        for row in 0..<rowCount where argument.isValid(row) {
            let group = Int(groups[row])
            localSeen[group] = true
            localValues[group] = all ? localValues[group] && flags[row] : localValues[group] || flags[row]
        }
        (values, seen) = (localValues, localSeen)
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) {
        guard let other = other as? BoolAccumulator else { return }
        for group in 0..<other.values.count where other.seen[group] {
            let target = Int(mapping[group])
            seen[target] = true
            values[target] = all ? values[target] && other.values[group] : values[target] || other.values[group]
        }
    }

    func finish() -> Column { Column.make(.bool, .bool(values), validity: Bitmap.fromBools(seen)) }
    var estimatedBytes: Int { values.count * 2 }
}
