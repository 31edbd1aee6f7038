/// The physical storage of a column: one contiguous Swift array per buffer.
///
/// Arrays are copy-on-write, so columns share storage when copied and decoders hand their output over without
/// copying. The slot of a null row holds an unspecified value of the right width (zero, or an empty byte string).
public enum ColumnValues: Sendable, Hashable {
    case bool([Bool])
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case uint8([UInt8])
    case uint16([UInt16])
    case uint32([UInt32])
    case uint64([UInt64])
    case float32([Float])
    case float64([Double])
    case int128([Int128])
    /// Variable-width values: value `i` is `data[offsets[i]..<offsets[i+1]]`; `offsets.count == count + 1`,
    /// non-decreasing, starting at 0.
    case bytes(offsets: [Int32], data: [UInt8])
    /// Fixed-width byte strings: value `i` is `data[i*width..<(i+1)*width]`.
    case fixedBytes(width: Int, data: [UInt8])
    /// Lists: row `i` holds `elements[offsets[i]..<offsets[i+1]]`; offsets as for `.bytes`.
    indirect case list(offsets: [Int32], elements: Column)
    /// Structs: one child column per field, each with `count` rows (`count` is kept for structs without fields).
    indirect case `struct`(children: [Column], count: Int)
    /// Maps: row `i` holds the entries `offsets[i]..<offsets[i+1]` of the parallel `keys` and `values` columns.
    indirect case map(offsets: [Int32], keys: Column, values: Column)

    public var kind: PhysicalKind {
        switch self {
        case .bool: .bool
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .float32: .float32
        case .float64: .float64
        case .int128: .int128
        case .bytes: .bytes
        case .fixedBytes: .fixedBytes
        case .list: .list
        case .struct: .struct
        case .map: .map
        }
    }

    /// Number of values stored.
    public var count: Int {
        switch self {
        case .bool(let v): v.count
        case .int8(let v): v.count
        case .int16(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .uint8(let v): v.count
        case .uint16(let v): v.count
        case .uint32(let v): v.count
        case .uint64(let v): v.count
        case .float32(let v): v.count
        case .float64(let v): v.count
        case .int128(let v): v.count
        case .bytes(let offsets, _): max(0, offsets.count - 1)
        case .fixedBytes(let width, let data): width == 0 ? 0 : data.count / width
        case .list(let offsets, _), .map(let offsets, _, _): max(0, offsets.count - 1)
        case .struct(_, let count): count
        }
    }

    /// Empty storage for values of `type`.
    public static func empty(for type: DataType) -> ColumnValues {
        switch type {
        case .bool: .bool([])
        case .int8: .int8([])
        case .int16: .int16([])
        case .int32, .date32: .int32([])
        case .int64, .timestamp: .int64([])
        case .time(let unit): unit == .milliseconds ? .int32([]) : .int64([])
        case .uint8: .uint8([])
        case .uint16: .uint16([])
        case .uint32: .uint32([])
        case .uint64: .uint64([])
        case .float32: .float32([])
        case .float64: .float64([])
        case .decimal: .int128([])
        case .utf8, .binary: .bytes(offsets: [0], data: [])
        case .fixedSizeBinary(let width): .fixedBytes(width: width, data: [])
        case .list(let element): .list(offsets: [0], elements: Column(empty: element.type))
        case .struct(let fields): .struct(children: fields.map { Column(empty: $0.type) }, count: 0)
        case .map(let key, let value):
            .map(offsets: [0], keys: Column(empty: key.type), values: Column(empty: value.type))
        }
    }
}
