/// Accumulates values of one type into a `Column`, row by row.
///
/// For text parsing, tests and small results; bulk producers (decoders, kernels) build `ColumnValues` arrays
/// directly. Validity is tracked lazily: no bitmap is allocated until the first null.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var values: ColumnValues
    private var validity: Bitmap?
    public private(set) var count = 0

    /// Bytes one variable-width column may hold (offsets are 32-bit).
    public static let bytesMax = Int(Int32.max)

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        var width = 0
        if case .fixedSizeBinary(let w) = type { width = w }
        values = .empty(type.physical, width: width)
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
    /// - Throws: `ColumnarError.typeMismatch` when the value does not fit the column's type.
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
        Column(type: type, values: values, validity: validity)
    }

    private mutating func appendDefault() {
        switch values {
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
        default:
            throw mismatch(value)
        }
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
