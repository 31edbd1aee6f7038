/// One value of any column type, for row-at-a-time paths: tests, printing, parsing text input.
///
/// Kernels never use `Value`; they work on `ColumnValues` arrays. Floating-point values compare by bit pattern.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float32(Float)
    case float64(Double)
    /// The unscaled value of a decimal.
    case decimal(Int128)
    case string(String)
    case bytes([UInt8])
    /// The items of a list row.
    case list([Value])
    /// The field values of a struct row, in field order.
    case `struct`([Value])
    /// The entries of a map row, as parallel key and value arrays.
    case map(keys: [Value], values: [Value])

    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.uint(let a), .uint(let b)): a == b
        case (.float32(let a), .float32(let b)): a.bitPattern == b.bitPattern
        case (.float64(let a), .float64(let b)): a.bitPattern == b.bitPattern
        case (.decimal(let a), .decimal(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.list(let a), .list(let b)), (.struct(let a), .struct(let b)): a == b
        case (.map(let aKeys, let aValues), .map(let bKeys, let bValues)): aKeys == bKeys && aValues == bValues
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(v)
        case .int(let v): hasher.combine(v)
        case .uint(let v): hasher.combine(v)
        case .float32(let v): hasher.combine(v.bitPattern)
        case .float64(let v): hasher.combine(v.bitPattern)
        case .decimal(let v): hasher.combine(v)
        case .string(let v): hasher.combine(v)
        case .bytes(let v): hasher.combine(v)
        case .list(let items): hasher.combine(items)
        case .struct(let fieldValues): hasher.combine(fieldValues)
        case .map(let keys, let values):
            hasher.combine(keys)
            hasher.combine(values)
        }
    }
}

extension Column {
    /// The value at `row` (`.null` for a null row). Integers of every width widen to `.int`/`.uint`; dates,
    /// times and timestamps are `.int` counts of their unit.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch values {
        case .bool(let v): return .bool(v[row])
        case .int8(let v): return .int(Int64(v[row]))
        case .int16(let v): return .int(Int64(v[row]))
        case .int32(let v): return .int(Int64(v[row]))
        case .int64(let v): return .int(v[row])
        case .uint8(let v): return .uint(UInt64(v[row]))
        case .uint16(let v): return .uint(UInt64(v[row]))
        case .uint32(let v): return .uint(UInt64(v[row]))
        case .uint64(let v): return .uint(v[row])
        case .float32(let v): return .float32(v[row])
        case .float64(let v): return .float64(v[row])
        case .int128(let v): return .decimal(v[row])
        case .bytes(let offsets, let data):
            let slice = Array(data[Int(offsets[row])..<Int(offsets[row + 1])])
            return type == .utf8 ? .string(String(decoding: slice, as: UTF8.self)) : .bytes(slice)
        case .fixedBytes(let width, let data):
            return .bytes(Array(data[row * width..<(row + 1) * width]))
        case .list(let offsets, let elements):
            return .list((Int(offsets[row])..<Int(offsets[row + 1])).map { elements.value(at: $0) })
        case .struct(let children, _):
            return .struct(children.map { $0.value(at: row) })
        case .map(let offsets, let keys, let values):
            let entries = Int(offsets[row])..<Int(offsets[row + 1])
            return .map(keys: entries.map { keys.value(at: $0) }, values: entries.map { values.value(at: $0) })
        }
    }
}
