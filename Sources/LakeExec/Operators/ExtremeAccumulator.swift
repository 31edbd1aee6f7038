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

    private func fold<T>(
        _ current: inout [T], _ values: [T], groups: [Int32], valid: (Int) -> Bool,
        compare: (T, T) -> Int, replaced: ((_ group: Int, _ row: Int) -> Void)?
    ) {
        var localSeen = seen
        seen = []
        for row in 0..<values.count where valid(row) {
            let group = Int(groups[row])
            if !localSeen[group] || better(compare(values[row], current[group])) {
                current[group] = values[row]
                localSeen[group] = true
                replaced?(group, row)
            }
        }
        seen = localSeen
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        try update(groups: groups, argument: argument, rowCount: rowCount, replaced: nil)
    }

    /// `update`, calling `replaced(group, row)` whenever row `row` becomes its group's extreme so far (in row
    /// order, so the last call for a group names the batch's winner): what arg_min and arg_max follow.
    func update(
        groups: [Int32], argument: Column?, rowCount: Int, replaced: ((_ group: Int, _ row: Int) -> Void)?
    ) throws(ExecutionError) {
        guard let argument else { return }
        let valid: (Int) -> Bool = { argument.isValid($0) }
        switch state {
        case .signed(var current):
            state = .signed([])
            fold(
                &current, try argument.int64Values(), groups: groups, valid: valid, compare: Self.order,
                replaced: replaced)
            state = .signed(current)
        case .unsigned(var current):
            state = .unsigned([])
            guard case .uint64(let values) = argument.values else { throw .typeMismatch("min/max input") }
            fold(&current, values, groups: groups, valid: valid, compare: Self.order, replaced: replaced)
            state = .unsigned(current)
        case .float(var current):
            state = .float([])
            fold(
                &current, try argument.float64Values(), groups: groups, valid: valid,
                compare: ComparisonKernel.totalOrder, replaced: replaced)
            state = .float(current)
        case .wide(var current):
            state = .wide([])
            fold(
                &current, try argument.int128Values(), groups: groups, valid: valid, compare: Self.order,
                replaced: replaced)
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
                    replaced?(group, row)
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
