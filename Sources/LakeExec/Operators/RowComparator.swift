import LakeColumnar

/// Three-way comparison of two rows of a set of key columns: top-N's admission test and the partition and peer
/// boundaries of windows (sorting itself compares `NormalizedSortKeys`).
///
/// Type dispatch happens once per key when the comparator is built; comparing rows then calls one closure per
/// key over arrays captured by it. Ties compare equal (callers break them by row index for stability).
struct RowComparator {
    private let keys: [(Int, Int) -> Int]

    /// - Parameters: `columns` and `directions` pair up: (ascending, nullsFirst) per column.
    init(columns: [Column], directions: [(ascending: Bool, nullsFirst: Bool)]) throws(ExecutionError) {
        var keys: [(Int, Int) -> Int] = []
        for (column, direction) in zip(columns, directions) {
            let compareValues = try Self.valueComparator(column)
            let sign = direction.ascending ? 1 : -1
            let nullOrder = direction.nullsFirst ? -1 : 1
            if let validity = column.validity {
                keys.append { a, b in
                    let aValid = validity[a]
                    let bValid = validity[b]
                    if aValid && bValid { return sign * compareValues(a, b) }
                    if aValid == bValid { return 0 }
                    return aValid ? -nullOrder : nullOrder
                }
            } else {
                keys.append { a, b in sign * compareValues(a, b) }
            }
        }
        self.keys = keys
    }

    /// -1, 0 or 1.
    @inline(__always) func compare(_ a: Int, _ b: Int) -> Int {
        for key in keys {
            let order = key(a, b)
            if order != 0 { return order }
        }
        return 0
    }

    private static func valueComparator(_ column: Column) throws(ExecutionError) -> (Int, Int) -> Int {
        func ordered<T: Comparable>(_ v: [T]) -> (Int, Int) -> Int {
            { a, b in v[a] < v[b] ? -1 : (v[a] == v[b] ? 0 : 1) }
        }
        switch column.values {
        case .bool(let v): return ordered(v.map { $0 ? 1 : 0 as UInt8 })
        case .int8(let v): return ordered(v)
        case .int16(let v): return ordered(v)
        case .int32(let v): return ordered(v)
        case .int64(let v): return ordered(v)
        case .uint8(let v): return ordered(v)
        case .uint16(let v): return ordered(v)
        case .uint32(let v): return ordered(v)
        case .uint64(let v): return ordered(v)
        case .int128(let v): return ordered(v)
        case .float32(let v): return { a, b in ComparisonKernel.totalOrder(Double(v[a]), Double(v[b])) }
        case .float64(let v): return { a, b in ComparisonKernel.totalOrder(v[a], v[b]) }
        case .bytes, .fixedBytes:
            let (offsets, data) = try column.byteStrings()
            return { a, b in
                ComparisonKernel.compareBytes(
                    data, Int(offsets[a])..<Int(offsets[a + 1]), data, Int(offsets[b])..<Int(offsets[b + 1]))
            }
        default:
            throw .unsupportedType(column.type, context: "ordering")
        }
    }
}
