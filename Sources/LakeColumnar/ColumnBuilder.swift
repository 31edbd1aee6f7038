/// Accumulates values of one type into a `Column`, row by row.
///
/// For text parsing, tests and small results; bulk producers (decoders, kernels) build `ColumnValues` arrays
/// directly. Validity is tracked lazily: no bitmap is allocated until the first null.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var values: ColumnValues
    private var validity: Bitmap?
    /// Builders of the child columns of a nested type: the element of a list, the fields of a struct, the key
    /// and value of a map.
    private var children: [ColumnBuilder] = []
    /// Entry offsets of a list or map.
    private var offsets: [Int32] = [0]
    public private(set) var count = 0

    /// Bytes one variable-width column may hold (offsets are 32-bit).
    public static let bytesMax = Int(Int32.max)

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        values = .empty(for: type)
        switch type {
        case .list(let element): children = [ColumnBuilder(type: element.type)]
        case .struct(let fields): children = fields.map { ColumnBuilder(type: $0.type) }
        case .map(let key, let value): children = [ColumnBuilder(type: key.type), ColumnBuilder(type: value.type)]
        default: break
        }
        reserve(capacity)
    }

    private mutating func reserve(_ capacity: Int) {
        guard capacity > 0 else { return }
        switch values {
        case .int64(var v):
            values = .int64([])
            v.reserveCapacity(capacity)
            values = .int64(v)
        case .float64(var v):
            values = .float64([])
            v.reserveCapacity(capacity)
            values = .float64(v)
        default: break
        }
    }

    public mutating func appendNull() {
        if validity == nil { validity = Bitmap(repeating: true, count: count) }
        validity!.append(false)
        appendDefault()
        count += 1
    }

    /// Appends `value`, converting integers between widths when they fit.
    /// - Throws: `ColumnarError.typeMismatch` when the value does not fit the column's type. A failed append of
    ///   a flat value changes nothing; after a failed append of a list, struct or map value the builder may hold
    ///   part of it and must be discarded.
    public mutating func append(_ value: Value) throws(ColumnarError) {
        if case .null = value {
            appendNull()
            return
        }
        try appendValid(value)
        validity?.append(true)
        count += 1
    }

    /// The column built so far; the builder can keep appending afterwards.
    public func build() -> Column {
        switch type {
        case .list:
            return Column(type: type, values: .list(offsets: offsets, elements: children[0].build()), validity: validity)
        case .struct:
            return Column(type: type, values: .struct(children: children.map { $0.build() }, count: count), validity: validity)
        case .map:
            let storage = ColumnValues.map(offsets: offsets, keys: children[0].build(), values: children[1].build())
            return Column(type: type, values: storage, validity: validity)
        default:
            return Column(type: type, values: values, validity: validity)
        }
    }

    private mutating func appendDefault() {
        switch values {
        case .list, .map:
            offsets.append(offsets[offsets.count - 1])
        case .struct:
            for index in children.indices { children[index].appendNull() }
        case .bytes(let offsets, _):
            modifyBytes { o, _ in o.append(offsets.last ?? 0) }
        case .fixedBytes(let width, _):
            modifyFixed { $0.append(contentsOf: repeatElement(0, count: width)) }
        default:
            // Zero of every fixed-width kind; cannot fail.
            try? appendValid(zeroValue)
        }
    }

    private var zeroValue: Value {
        switch type.physical {
        case .bool: .bool(false)
        case .float32: .float32(0)
        case .float64: .float64(0)
        case .int128: .decimal(0)
        case .uint8, .uint16, .uint32, .uint64: .uint(0)
        default: .int(0)
        }
    }

    private func mismatch(_ value: Value) -> ColumnarError {
        .typeMismatch(expected: type, got: "\(value)")
    }

    private mutating func appendValid(_ value: Value) throws(ColumnarError) {
        switch (values, value) {
        case (.bool(var v), .bool(let x)): values = .bool([]); v.append(x); values = .bool(v)
        case (.int8(var v), .int(let x)):
            guard let y = Int8(exactly: x) else { throw mismatch(value) }
            values = .int8([]); v.append(y); values = .int8(v)
        case (.int16(var v), .int(let x)):
            guard let y = Int16(exactly: x) else { throw mismatch(value) }
            values = .int16([]); v.append(y); values = .int16(v)
        case (.int32(var v), .int(let x)):
            guard let y = Int32(exactly: x) else { throw mismatch(value) }
            values = .int32([]); v.append(y); values = .int32(v)
        case (.int64(var v), .int(let x)): values = .int64([]); v.append(x); values = .int64(v)
        case (.uint8(var v), .uint(let x)):
            guard let y = UInt8(exactly: x) else { throw mismatch(value) }
            values = .uint8([]); v.append(y); values = .uint8(v)
        case (.uint16(var v), .uint(let x)):
            guard let y = UInt16(exactly: x) else { throw mismatch(value) }
            values = .uint16([]); v.append(y); values = .uint16(v)
        case (.uint32(var v), .uint(let x)):
            guard let y = UInt32(exactly: x) else { throw mismatch(value) }
            values = .uint32([]); v.append(y); values = .uint32(v)
        case (.uint64(var v), .uint(let x)): values = .uint64([]); v.append(x); values = .uint64(v)
        case (.uint8, .int(let x)) where x >= 0: try appendValid(.uint(UInt64(x)))
        case (.uint16, .int(let x)) where x >= 0: try appendValid(.uint(UInt64(x)))
        case (.uint32, .int(let x)) where x >= 0: try appendValid(.uint(UInt64(x)))
        case (.uint64, .int(let x)) where x >= 0: try appendValid(.uint(UInt64(x)))
        case (.int8, .uint(let x)), (.int16, .uint(let x)), (.int32, .uint(let x)), (.int64, .uint(let x)):
            guard let y = Int64(exactly: x) else { throw mismatch(value) }
            try appendValid(.int(y))
        case (.float32(var v), .float32(let x)): values = .float32([]); v.append(x); values = .float32(v)
        case (.float64(var v), .float64(let x)): values = .float64([]); v.append(x); values = .float64(v)
        case (.int128(var v), .decimal(let x)): values = .int128([]); v.append(x); values = .int128(v)
        case (.bytes, .string(let s)) where type == .utf8:
            try appendBytes(Array(s.utf8))
        case (.bytes, .bytes(let b)) where type == .binary:
            try appendBytes(b)
        case (.fixedBytes(let width, _), .bytes(let b)):
            guard b.count == width else { throw mismatch(value) }
            modifyFixed { $0.append(contentsOf: b) }
        case (.list, .list(let items)):
            for item in items { try children[0].append(item) }
            try appendOffset(children[0].count)
        case (.struct, .struct(let fieldValues)):
            guard fieldValues.count == children.count else { throw mismatch(value) }
            for (index, fieldValue) in fieldValues.enumerated() { try children[index].append(fieldValue) }
        case (.map, .map(let keys, let entryValues)):
            guard keys.count == entryValues.count else { throw mismatch(value) }
            for (key, entryValue) in zip(keys, entryValues) {
                if case .null = key { throw .nullInRequiredColumn }
                try children[0].append(key)
                try children[1].append(entryValue)
            }
            try appendOffset(children[0].count)
        default:
            throw mismatch(value)
        }
    }

    private mutating func appendOffset(_ end: Int) throws(ColumnarError) {
        guard end <= Int(Int32.max) else { throw .capacityExceeded(what: "entries in one column", limit: Int(Int32.max)) }
        offsets.append(Int32(end))
    }

    private mutating func appendBytes(_ bytes: [UInt8]) throws(ColumnarError) {
        guard case .bytes(_, let data) = values else { return }
        guard data.count + bytes.count <= Self.bytesMax else {
            throw .capacityExceeded(what: "bytes in one column", limit: Self.bytesMax)
        }
        modifyBytes { offsets, data in
            data.append(contentsOf: bytes)
            offsets.append(Int32(data.count))
        }
    }

    /// Mutates the byte storage in place, without copying the arrays (the enum payload is moved out first).
    private mutating func modifyBytes(_ body: (inout [Int32], inout [UInt8]) -> Void) {
        guard case .bytes(var offsets, var data) = values else { return }
        values = .bool([])
        body(&offsets, &data)
        values = .bytes(offsets: offsets, data: data)
    }

    private mutating func modifyFixed(_ body: (inout [UInt8]) -> Void) {
        guard case .fixedBytes(let width, var data) = values else { return }
        values = .bool([])
        body(&data)
        values = .fixedBytes(width: width, data: data)
    }
}
