/// A typed sequence of values with an optional validity bitmap: the unit kernels and codecs work on.
///
/// Invariants (checked at construction): the storage kind matches `type.physical`; a fixed-size binary's width
/// matches its type; nested storage holds child columns of the child fields' types, with offsets that end within
/// the children; the validity bitmap, when present, has one bit per value. A null list or map row may still span
/// child entries, which readers ignore; a null struct row still has a slot in every child.
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
        Self.checkChildren(of: type, in: values)
        if let validity {
            precondition(validity.count == values.count, "validity has \(validity.count) bits for \(values.count) values")
        }
        self.type = type
        self.values = values
        self.validity = validity
        self.nullCount = validity.map { $0.count - $0.setCount } ?? 0
    }

    /// An empty column of `type`.
    public init(empty type: DataType) {
        self.init(type: type, values: .empty(for: type))
    }

    private static func checkChildren(of type: DataType, in values: ColumnValues) {
        switch (type, values) {
        case (.list(let element), .list(let offsets, let elements)):
            precondition(elements.type == element.type, "list elements are \(elements.type), not \(element.type)")
            precondition(Int(offsets.last ?? 0) <= elements.count, "list offsets pass the end of the elements")
        case (.struct(let fields), .struct(let children, let count)):
            precondition(children.count == fields.count, "struct has \(children.count) children for \(fields.count) fields")
            for (child, field) in zip(children, fields) {
                precondition(child.type == field.type, "struct child \(field.name) is \(child.type), not \(field.type)")
                precondition(child.count == count, "struct child \(field.name) has \(child.count) rows, not \(count)")
            }
        case (.map(let key, let value), .map(let offsets, let keys, let values)):
            precondition(keys.type == key.type && values.type == value.type, "map children do not match \(type)")
            precondition(keys.count == values.count, "map has \(keys.count) keys for \(values.count) values")
            precondition(Int(offsets.last ?? 0) <= keys.count, "map offsets pass the end of the entries")
        default:
            break
        }
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
        case .list(let offsets, let elements):
            let (rebased, entries) = Self.sliceOffsets(offsets, range)
            sliced = .list(offsets: rebased, elements: elements.slice(entries))
        case .struct(let children, _):
            sliced = .struct(children: children.map { $0.slice(range) }, count: range.count)
        case .map(let offsets, let keys, let values):
            let (rebased, entries) = Self.sliceOffsets(offsets, range)
            sliced = .map(offsets: rebased, keys: keys.slice(entries), values: values.slice(entries))
        }
        return Column(type: type, values: sliced, validity: validity?.slice(range))
    }
}

extension Column {
    /// The offsets of rows `range` rebased to start at zero, and the child entries they span.
    static func sliceOffsets(_ offsets: [Int32], _ range: Range<Int>) -> ([Int32], Range<Int>) {
        let base = offsets[range.lowerBound]
        let rebased = offsets[range.lowerBound...range.upperBound].map { $0 - base }
        return (rebased, Int(base)..<Int(offsets[range.upperBound]))
    }
}

extension Column: Hashable {
    /// Hashes what logical equality compares cheaply: type, row count and null count.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(count)
        hasher.combine(nullCount)
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
