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
        // Switches over the kind, not the storage, for the reason given in `appendValid`.
        switch type.physical {
        case .list, .map:
            offsets.append(offsets[offsets.count - 1])
        case .struct:
            for index in children.indices { children[index].appendNull() }
        case .bytes:
            modifyBytes { offsets, _ in offsets.append(offsets[offsets.count - 1]) }
        case .fixedBytes:
            guard case .fixedSizeBinary(let width) = type else { return }
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
        // The subject holds the storage kind, not the storage: a copy of `values` alive during the switch would
        // make every append copy the arrays.
        switch (type.physical, value) {
        case (.bool, .bool(let x)): append(x) { if case .bool(let a) = $0 { a } else { nil } } into: { .bool($0) }
        case (.int8, .int(let x)):
            guard let y = Int8(exactly: x) else { throw mismatch(value) }
            append(y) { if case .int8(let a) = $0 { a } else { nil } } into: { .int8($0) }
        case (.int16, .int(let x)):
            guard let y = Int16(exactly: x) else { throw mismatch(value) }
            append(y) { if case .int16(let a) = $0 { a } else { nil } } into: { .int16($0) }
        case (.int32, .int(let x)):
            guard let y = Int32(exactly: x) else { throw mismatch(value) }
            append(y) { if case .int32(let a) = $0 { a } else { nil } } into: { .int32($0) }
        case (.int64, .int(let x)): append(x) { if case .int64(let a) = $0 { a } else { nil } } into: { .int64($0) }
        case (.uint8, .uint(let x)):
            guard let y = UInt8(exactly: x) else { throw mismatch(value) }
            append(y) { if case .uint8(let a) = $0 { a } else { nil } } into: { .uint8($0) }
        case (.uint16, .uint(let x)):
            guard let y = UInt16(exactly: x) else { throw mismatch(value) }
            append(y) { if case .uint16(let a) = $0 { a } else { nil } } into: { .uint16($0) }
        case (.uint32, .uint(let x)):
            guard let y = UInt32(exactly: x) else { throw mismatch(value) }
            append(y) { if case .uint32(let a) = $0 { a } else { nil } } into: { .uint32($0) }
        case (.uint64, .uint(let x)): append(x) { if case .uint64(let a) = $0 { a } else { nil } } into: { .uint64($0) }
        case (.uint8, .int(let x)) where x >= 0, (.uint16, .int(let x)) where x >= 0,
            (.uint32, .int(let x)) where x >= 0, (.uint64, .int(let x)) where x >= 0:
            try appendValid(.uint(UInt64(x)))
        case (.int8, .uint(let x)), (.int16, .uint(let x)), (.int32, .uint(let x)), (.int64, .uint(let x)):
            guard let y = Int64(exactly: x) else { throw mismatch(value) }
            try appendValid(.int(y))
        case (.float32, .float32(let x)):
            append(x) { if case .float32(let a) = $0 { a } else { nil } } into: { .float32($0) }
        case (.float64, .float64(let x)):
            append(x) { if case .float64(let a) = $0 { a } else { nil } } into: { .float64($0) }
        case (.int128, .decimal(let x)):
            append(x) { if case .int128(let a) = $0 { a } else { nil } } into: { .int128($0) }
        case (.bytes, .string(let s)) where type == .utf8:
            try appendBytes(Array(s.utf8))
        case (.bytes, .bytes(let b)) where type == .binary:
            try appendBytes(b)
        case (.fixedBytes, .bytes(let b)):
            guard case .fixedSizeBinary(let width) = type, b.count == width else { throw mismatch(value) }
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

    /// Appends `element` to the array `extract` finds in the storage, in place: the array is moved out of the
    /// enum first, so it has a single owner and is not copied.
    private mutating func append<Element>(
        _ element: Element, from extract: (ColumnValues) -> [Element]?, into wrap: ([Element]) -> ColumnValues
    ) {
        guard var array = extract(values) else { return }
        values = .bool([])
        array.append(element)
        values = wrap(array)
    }

    /// Bytes held by a utf8/binary column so far.
    private var storedByteCount: Int {
        if case .bytes(_, let data) = values { data.count } else { 0 }
    }

    private mutating func appendBytes(_ bytes: [UInt8]) throws(ColumnarError) {
        guard storedByteCount + bytes.count <= Self.bytesMax else {
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
