import LakeColumnar
import LakeCore
import LakeExec

/// A seeded random table: g utf8 (5 values + nulls), k int32 (0..<4 + nulls), v int64 (nulls), f float64
/// (quarters, NaN, -0.0, nulls), d decimal(10,2), split into batches of random sizes (some empty).
struct RandomTable {
    let schema = Schema([
        Field("g", .utf8), Field("k", .int32), Field("v", .int64), Field("f", .float64),
        Field("d", .decimal(precision: 10, scale: 2)),
    ])
    var rows: [[Value]] = []
    var batches: [Batch] = []

    init(seed: UInt64, rowCount: Int, nullPercent: Int = 10) {
        var generator = SeededGenerator(seed: seed)
        func maybeNull(_ value: Value) -> Value {
            Int.random(in: 0..<100, using: &generator) < nullPercent ? .null : value
        }
        for _ in 0..<rowCount {
            let group = maybeNull(
                .string(["alpha", "beta", "gamma", "délta", ""][Int.random(in: 0..<5, using: &generator)]))
            let key = maybeNull(.int(Int64.random(in: 0..<4, using: &generator)))
            let value = maybeNull(.int(Int64.random(in: -1_000...1_000, using: &generator)))
            let special = Int.random(in: 0..<20, using: &generator)
            let float: Value =
                special == 0
                ? .float64(.nan)
                : special == 1
                    ? .float64(-0.0)
                    : .float64(Double(Int.random(in: -400...400, using: &generator)) / 4)
            let decimal = maybeNull(.decimal(Int128(Int64.random(in: -99_999...99_999, using: &generator))))
            rows.append([group, key, value, maybeNull(float), decimal])
        }
        var start = 0
        while start < rowCount {
            let size = Int.random(in: 0...97, using: &generator)
            let end = min(rowCount, start + size)
            var columns: [Column] = []
            for (index, field) in schema.fields.enumerated() {
                columns.append(makeColumn(field.type, rows[start..<end].map { $0[index] }))
            }
            batches.append(Batch(schema: schema, columns: columns))
            start = end
        }
    }

    var frame: DataFrame { DataFrame(name: "random", schema: schema, batches: batches) }

    func scan() -> ScanOperator { ScanOperator(InMemoryBatchSource(schema: schema, batches: batches), name: "random") }
}

/// Total order of values for reference sorts: numbers (floats with NaN largest, -0 = 0), strings, bools.
func referenceCompare(_ a: Value, _ b: Value) -> Int {
    func number(_ value: Value) -> Double? {
        switch value {
        case .int(let x): Double(x)
        case .uint(let x): Double(x)
        case .float64(let x): x
        case .float32(let x): Double(x)
        case .decimal(let x): Double(x)
        default: nil
        }
    }
    if let x = number(a), let y = number(b) {
        if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : 1) : -1 }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
    if case .string(let x) = a, case .string(let y) = b {
        let left = Array(x.utf8)
        let right = Array(y.utf8)
        return left.lexicographicallyPrecedes(right) ? -1 : (left == right ? 0 : 1)
    }
    if case .bool(let x) = a, case .bool(let y) = b { return x == y ? 0 : (x ? 1 : -1) }
    return 0
}

/// Value equality for grouping: NaN equals NaN, -0.0 equals 0.0.
func groupingKey(_ value: Value) -> Value {
    if case .float64(let x) = value {
        if x.isNaN { return .float64(.nan) }
        if x == 0 { return .float64(0) }
    }
    return value
}

/// `rows` sorted by the columns at `keys` (ascending, nulls first flags), stable.
func referenceSort(_ rows: [[Value]], keys: [(index: Int, ascending: Bool, nullsFirst: Bool)]) -> [[Value]] {
    let indexed = Array(rows.enumerated())
    return indexed.sorted { lhs, rhs in
        for key in keys {
            let a = lhs.element[key.index]
            let b = rhs.element[key.index]
            if a == .null || b == .null {
                if a == .null && b == .null { continue }
                return (a == .null) == key.nullsFirst
            }
            let order = referenceCompare(a, b) * (key.ascending ? 1 : -1)
            if order != 0 { return order < 0 }
        }
        return lhs.offset < rhs.offset
    }.map(\.element)
}

extension Value {
    var int64: Int64? {
        if case .int(let x) = self { return x }
        return nil
    }

    var double: Double? {
        switch self {
        case .float64(let x): return x
        case .int(let x): return Double(x)
        default: return nil
        }
    }
}
