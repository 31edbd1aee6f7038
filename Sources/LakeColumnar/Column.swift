/// A typed sequence of values with an optional validity bitmap: the unit kernels and codecs work on.
///
/// Invariants (checked at construction): the storage kind matches `type.physical`; a fixed-size binary's width
/// matches its type; the validity bitmap, when present, has one bit per value.
///
/// Spec: spec/columnar.md
public struct Column: Sendable {
    public let type: DataType
    public let values: ColumnValues
    /// Bit `i` set means row `i` is valid; nil means every row is valid.
    public let validity: Bitmap?
    /// Number of null rows, computed once.
    public let nullCount: Int

    public init(type: DataType, values: ColumnValues, validity: Bitmap? = nil) {
        precondition(values.kind == type.physical, "storage \(values.kind) does not hold \(type)")
        if case .fixedSizeBinary(let width) = type, case .fixedBytes(let storedWidth, _) = values {
            precondition(width == storedWidth, "fixed-size binary width \(storedWidth) does not match \(type)")
        }
        if let validity {
            precondition(validity.count == values.count, "validity has \(validity.count) bits for \(values.count) values")
        }
        self.type = type
        self.values = values
        self.validity = validity
        self.nullCount = validity.map { $0.count - $0.setCount } ?? 0
    }

    /// Number of rows.
    public var count: Int { values.count }

    @inlinable public func isNull(_ index: Int) -> Bool {
        guard let validity else { return false }
        return !validity[index]
    }

    /// Rows `range` as a new column (copies the selected values).
    public func slice(_ range: Range<Int>) -> Column {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "column slice out of range")
        let sliced: ColumnValues
        switch values {
        case .bool(let v): sliced = .bool(Array(v[range]))
        case .int8(let v): sliced = .int8(Array(v[range]))
        case .int16(let v): sliced = .int16(Array(v[range]))
        case .int32(let v): sliced = .int32(Array(v[range]))
        case .int64(let v): sliced = .int64(Array(v[range]))
        case .uint8(let v): sliced = .uint8(Array(v[range]))
        case .uint16(let v): sliced = .uint16(Array(v[range]))
        case .uint32(let v): sliced = .uint32(Array(v[range]))
        case .uint64(let v): sliced = .uint64(Array(v[range]))
        case .float32(let v): sliced = .float32(Array(v[range]))
        case .float64(let v): sliced = .float64(Array(v[range]))
        case .int128(let v): sliced = .int128(Array(v[range]))
        case .bytes(let offsets, let data):
            let start = Int(offsets[range.lowerBound])
            let end = Int(offsets[range.upperBound])
            let base = offsets[range.lowerBound]
            sliced = .bytes(offsets: offsets[range.lowerBound...range.upperBound].map { $0 - base }, data: Array(data[start..<end]))
        case .fixedBytes(let width, let data):
            sliced = .fixedBytes(width: width, data: Array(data[range.lowerBound * width..<range.upperBound * width]))
        }
        return Column(type: type, values: sliced, validity: validity?.slice(range))
    }
}

extension Column: Equatable {
    /// Logical equality: same type, same nulls, and equal values at every valid row. Floating-point values
    /// compare by bit pattern, so NaN equals the same NaN and -0.0 differs from 0.0.
    public static func == (lhs: Column, rhs: Column) -> Bool {
        guard lhs.type == rhs.type, lhs.count == rhs.count, lhs.nullCount == rhs.nullCount else { return false }
        for row in 0..<lhs.count {
            if lhs.isNull(row) != rhs.isNull(row) { return false }
            if !lhs.isNull(row) && lhs.value(at: row) != rhs.value(at: row) { return false }
        }
        return true
    }
}
