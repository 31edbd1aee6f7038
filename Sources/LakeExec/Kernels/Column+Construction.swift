import LakeColumnar

extension Column {
    /// A column with `validity` dropped when it has no clear bit.
    static func make(_ type: DataType, _ values: ColumnValues, validity: Bitmap?) -> Column {
        Column(type: type, values: values, validity: validity?.nilIfAllSet)
    }

    /// `count` nulls of `type` (zero-filled storage, all-clear validity).
    static func nulls(_ type: DataType, count: Int) throws(ExecutionError) -> Column {
        let values: ColumnValues
        switch type.physical {
        case .bool: values = .bool([Bool](repeating: false, count: count))
        case .int8: values = .int8([Int8](repeating: 0, count: count))
        case .int16: values = .int16([Int16](repeating: 0, count: count))
        case .int32: values = .int32([Int32](repeating: 0, count: count))
        case .int64: values = .int64([Int64](repeating: 0, count: count))
        case .uint8: values = .uint8([UInt8](repeating: 0, count: count))
        case .uint16: values = .uint16([UInt16](repeating: 0, count: count))
        case .uint32: values = .uint32([UInt32](repeating: 0, count: count))
        case .uint64: values = .uint64([UInt64](repeating: 0, count: count))
        case .float32: values = .float32([Float](repeating: 0, count: count))
        case .float64: values = .float64([Double](repeating: 0, count: count))
        case .int128: values = .int128([Int128](repeating: 0, count: count))
        case .bytes: values = .bytes(offsets: [Int32](repeating: 0, count: count + 1), data: [])
        case .fixedBytes:
            guard case .fixedSizeBinary(let width) = type else {
                throw .unsupportedType(type, context: "a null column")
            }
            values = .fixedBytes(width: width, data: [UInt8](repeating: 0, count: count * width))
        default:
            throw .unsupportedType(type, context: "a null column")
        }
        return Column(type: type, values: values, validity: Bitmap(repeating: false, count: count))
    }

    /// `count` copies of `value` as a column of `type`.
    /// - Throws: `typeMismatch` when the value does not fit the type.
    static func repeating(_ value: Value, type: DataType, count: Int) throws(ExecutionError) -> Column {
        try type.requireFlat("a literal")
        var builder = ColumnBuilder(type: type)
        do {
            try builder.append(value)
        } catch {
            throw .typeMismatch("literal \(value) does not fit \(type)")
        }
        return builder.build().taking([Int](repeating: 0, count: count))
    }

    /// Whether row `row` is valid (not null).
    @inline(__always) func isValid(_ row: Int) -> Bool { !isNull(row) }

    /// Bytes the column's arrays hold: the estimate the memory budget counts.
    var estimatedBytes: Int {
        let validityBytes = validity.map { $0.words.count * 8 } ?? 0
        switch values {
        case .bool(let v): return v.count + validityBytes
        case .int8(let v): return v.count + validityBytes
        case .int16(let v): return v.count * 2 + validityBytes
        case .int32(let v): return v.count * 4 + validityBytes
        case .int64(let v): return v.count * 8 + validityBytes
        case .uint8(let v): return v.count + validityBytes
        case .uint16(let v): return v.count * 2 + validityBytes
        case .uint32(let v): return v.count * 4 + validityBytes
        case .uint64(let v): return v.count * 8 + validityBytes
        case .float32(let v): return v.count * 4 + validityBytes
        case .float64(let v): return v.count * 8 + validityBytes
        case .int128(let v): return v.count * 16 + validityBytes
        case .bytes(let offsets, let data): return offsets.count * 4 + data.count + validityBytes
        case .fixedBytes(_, let data): return data.count + validityBytes
        default: return count * 16 + validityBytes
        }
    }
}

extension Batch {
    /// Bytes of all columns (see `Column.estimatedBytes`).
    var estimatedBytes: Int { columns.reduce(0) { $0 + $1.estimatedBytes } }

    /// The rows at `rows` of every column.
    func taking(_ rows: [Int]) -> Batch {
        if columns.isEmpty { return Batch(rowCount: rows.count) }
        return Batch(schema: schema, columns: columns.map { $0.taking(rows) })
    }
}

extension Column {
    /// A column of `type` from row values (`.null` for nulls).
    /// - Throws: `typeMismatch` when a value does not fit `type`.
    static func fromValues(_ values: [Value], type: DataType) throws(ExecutionError) -> Column {
        try type.requireFlat("a column of values")
        var builder = ColumnBuilder(type: type, capacity: values.count)
        for value in values {
            do {
                try builder.append(value)
            } catch {
                throw .typeMismatch("value \(value) does not fit \(type)")
            }
        }
        return builder.build()
    }
}
