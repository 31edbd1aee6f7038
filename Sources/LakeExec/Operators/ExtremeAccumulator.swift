import LakeColumnar

/// MIN / MAX over any flat type, in a canonical wide state (Int64, UInt64, Double, Int128 or bytes) converted
/// back to the argument's type at the end. Floats order NaN above every number, so MAX of a group with NaN is NaN.
final class ExtremeAccumulator: Accumulator {
    let type: DataType
    let minimum: Bool
    private var state: State
    private var seen: [Bool] = []

    private enum State {
        case signed([Int64])
        case unsigned([UInt64])
        case float([Double])
        case wide([Int128])
        case bytes([[UInt8]])
    }

    init(type: DataType, minimum: Bool) throws(ExecutionError) {
        self.type = type
        self.minimum = minimum
        switch type.physical {
        case .uint64: state = .unsigned([])
        case .float32, .float64: state = .float([])
        case .int128: state = .wide([])
        case .bytes, .fixedBytes: state = .bytes([])
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32: state = .signed([])
        default: throw .unsupportedType(type, context: minimum ? "min" : "max")
        }
    }

    func resize(groupCount: Int) {
        let added = groupCount - seen.count
        guard added > 0 else { return }
        seen.append(contentsOf: repeatElement(false, count: added))
        switch state {
        case .signed(var v):
            v.append(contentsOf: repeatElement(0, count: added))
            state = .signed(v)
        case .unsigned(var v):
            v.append(contentsOf: repeatElement(0, count: added))
            state = .unsigned(v)
        case .float(var v):
            v.append(contentsOf: repeatElement(0, count: added))
            state = .float(v)
        case .wide(var v):
            v.append(contentsOf: repeatElement(0, count: added))
            state = .wide(v)
        case .bytes(var v):
            v.append(contentsOf: repeatElement([], count: added))
            state = .bytes(v)
        }
    }

    /// Whether `candidate` should replace `current` (strictly better, so the first extreme wins ties).
    @inline(__always) private func better(_ order: Int) -> Bool { minimum ? order < 0 : order > 0 }

    /// Folds `values[row]` into `current[groups[row]]` for the valid rows, appending each row that takes its
    /// group's lead to `leaderGroups` / `leaderRows` when `recordsLeaders`. Runs over raw buffers: group ids come
    /// from this operator's own table (or merge mapping), never from input bytes, and `resize` made room for them.
    @inline(__always)
    private func fold<T>(
        _ current: inout [T], _ values: [T], groups: [Int32], validity: Bitmap?, compare: (T, T) -> Int,
        recordsLeaders: Bool, leaderGroups: inout [Int], leaderRows: inout [Int]
    ) {
        var localSeen = seen
        seen = []
        let minimum = minimum
        let rowCount = min(values.count, groups.count)
        values.withUnsafeBufferPointer { values in
            groups.withUnsafeBufferPointer { groups in
                current.withUnsafeMutableBufferPointer { current in
                    localSeen.withUnsafeMutableBufferPointer { seen in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            let value = values[row]
                            if seen[group] {
                                let order = compare(value, current[group])
                                if minimum ? order >= 0 : order <= 0 { continue }
                            }
                            current[group] = value
                            seen[group] = true
                            if recordsLeaders {
                                leaderGroups.append(group)
                                leaderRows.append(row)
                            }
                        }
                    }
                }
            }
        }
        seen = localSeen
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        var unusedGroups: [Int] = []
        var unusedRows: [Int] = []
        try fold(
            groups: groups, argument: argument, rowCount: rowCount, recordsLeaders: false, leaderGroups: &unusedGroups,
            leaderRows: &unusedRows)
    }

    /// `update`, appending to `leaderGroups` and `leaderRows` the group and row of every row that becomes its
    /// group's extreme so far, in row order (so the last entry for a group names the batch's winner): what arg_min
    /// and arg_max follow.
    func update(
        groups: [Int32], argument: Column?, rowCount: Int, leaderGroups: inout [Int], leaderRows: inout [Int]
    ) throws(ExecutionError) {
        try fold(
            groups: groups, argument: argument, rowCount: rowCount, recordsLeaders: true, leaderGroups: &leaderGroups,
            leaderRows: &leaderRows)
    }

    private func fold(
        groups: [Int32], argument: Column?, rowCount: Int, recordsLeaders: Bool, leaderGroups: inout [Int],
        leaderRows: inout [Int]
    ) throws(ExecutionError) {
        guard let argument else { return }
        let validity = argument.validity
        switch state {
        case .signed(var current):
            state = .signed([])
            fold(
                &current, try argument.int64Values(), groups: groups, validity: validity, compare: Self.order,
                recordsLeaders: recordsLeaders, leaderGroups: &leaderGroups, leaderRows: &leaderRows)
            state = .signed(current)
        case .unsigned(var current):
            state = .unsigned([])
            guard case .uint64(let values) = argument.values else {
                state = .unsigned(current)
                throw .typeMismatch("min/max input")
            }
            fold(
                &current, values, groups: groups, validity: validity, compare: Self.order,
                recordsLeaders: recordsLeaders, leaderGroups: &leaderGroups, leaderRows: &leaderRows)
            state = .unsigned(current)
        case .float(var current):
            state = .float([])
            fold(
                &current, try argument.float64Values(), groups: groups, validity: validity,
                compare: ComparisonKernel.totalOrder, recordsLeaders: recordsLeaders, leaderGroups: &leaderGroups,
                leaderRows: &leaderRows)
            state = .float(current)
        case .wide(var current):
            state = .wide([])
            fold(
                &current, try argument.int128Values(), groups: groups, validity: validity, compare: Self.order,
                recordsLeaders: recordsLeaders, leaderGroups: &leaderGroups, leaderRows: &leaderRows)
            state = .wide(current)
        case .bytes(var current):
            state = .bytes([])
            let (offsets, data) = try argument.byteStrings()
            for row in 0..<rowCount where argument.isValid(row) {
                let group = Int(groups[row])
                let range = Int(offsets[row])..<Int(offsets[row + 1])
                if !seen[group]
                    || better(ComparisonKernel.compareBytes(data, range, current[group], 0..<current[group].count))
                {
                    current[group] = Array(data[range])
                    seen[group] = true
                    if recordsLeaders {
                        leaderGroups.append(group)
                        leaderRows.append(row)
                    }
                }
            }
            state = .bytes(current)
        }
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? ExtremeAccumulator else { return }
        let otherColumn = try other.finish()
        try update(groups: mapping, argument: otherColumn, rowCount: otherColumn.count)
    }

    func finish() throws(ExecutionError) -> Column {
        let validity = Bitmap.fromBools(seen)
        switch state {
        case .signed(let values):
            return try Column.fromInt64(values, type: type, validity: validity, operation: minimum ? "min" : "max")
        case .unsigned(let values): return Column.make(type, .uint64(values), validity: validity)
        case .float(let values):
            return Column.make(
                type, type == .float32 ? .float32(values.map { Float($0) }) : .float64(values), validity: validity)
        case .wide(let values): return Column.make(type, .int128(values), validity: validity)
        case .bytes(let values):
            if case .fixedSizeBinary(let width) = type {
                let data = values.flatMap { $0.isEmpty ? [UInt8](repeating: 0, count: width) : $0 }
                return Column.make(type, .fixedBytes(width: width, data: data), validity: validity)
            }
            var offsets: [Int32] = [0]
            var data: [UInt8] = []
            for value in values {
                data.append(contentsOf: value)
                guard data.count <= Int(Int32.max) else { throw .arithmeticOverflow(operation: "min/max bytes") }
                offsets.append(Int32(data.count))
            }
            return Column.make(type, .bytes(offsets: offsets, data: data), validity: validity)
        }
    }

    var estimatedBytes: Int {
        if case .bytes(let values) = state { return values.reduce(seen.count * 24) { $0 + $1.count } }
        return seen.count * 17
    }
}
