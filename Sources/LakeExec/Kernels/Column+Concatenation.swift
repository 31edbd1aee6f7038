import LakeColumnar

extension Column {
    /// The rows of `parts` one after another, as one column of `type`.
    /// - Precondition: every part has `type`.
    /// - Throws: `unsupportedType` for nested types; `memoryLimitExceeded`-free (callers budget before).
    static func concatenating(_ parts: [Column], type: DataType) throws(ExecutionError) -> Column {
        try type.requireFlat("concatenation")
        if parts.count == 1 { return parts[0] }
        for part in parts { precondition(part.type == type, "concatenating \(part.type) into \(type)") }
        let total = parts.reduce(0) { $0 + $1.count }
        var validity: Bitmap? = nil
        if parts.contains(where: { $0.nullCount > 0 }) {
            var bits = Bitmap(repeating: false, count: 0)
            bits.reserveCapacity(total)
            for part in parts {
                if let partValidity = part.validity {
                    var remaining = part.count
                    for word in partValidity.words where remaining > 0 {
                        bits.append(bits: word, count: min(64, remaining))
                        remaining -= 64
                    }
                } else {
                    for _ in 0..<part.count { bits.append(true) }
                }
            }
            validity = bits
        }
        let values: ColumnValues
        switch type.physical {
        case .bool: values = .bool(join(parts) { if case .bool(let v) = $0 { v } else { [] } })
        case .int8: values = .int8(join(parts) { if case .int8(let v) = $0 { v } else { [] } })
        case .int16: values = .int16(join(parts) { if case .int16(let v) = $0 { v } else { [] } })
        case .int32: values = .int32(join(parts) { if case .int32(let v) = $0 { v } else { [] } })
        case .int64: values = .int64(join(parts) { if case .int64(let v) = $0 { v } else { [] } })
        case .uint8: values = .uint8(join(parts) { if case .uint8(let v) = $0 { v } else { [] } })
        case .uint16: values = .uint16(join(parts) { if case .uint16(let v) = $0 { v } else { [] } })
        case .uint32: values = .uint32(join(parts) { if case .uint32(let v) = $0 { v } else { [] } })
        case .uint64: values = .uint64(join(parts) { if case .uint64(let v) = $0 { v } else { [] } })
        case .float32: values = .float32(join(parts) { if case .float32(let v) = $0 { v } else { [] } })
        case .float64: values = .float64(join(parts) { if case .float64(let v) = $0 { v } else { [] } })
        case .int128: values = .int128(join(parts) { if case .int128(let v) = $0 { v } else { [] } })
        case .fixedBytes:
            guard case .fixedSizeBinary(let width) = type else {
                throw .unsupportedType(type, context: "concatenation")
            }
            values = .fixedBytes(
                width: width, data: join(parts) { if case .fixedBytes(_, let d) = $0 { d } else { [] } })
        default:
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(total + 1)
            var data: [UInt8] = []
            for part in parts {
                guard case .bytes(let partOffsets, let partData) = part.values else { continue }
                guard data.count + partData.count <= Int(Int32.max) else {
                    throw .arithmeticOverflow(operation: "concatenating more than 2 GiB of bytes in one column")
                }
                let base = Int32(data.count)
                for offset in partOffsets.dropFirst() { offsets.append(base + offset) }
                data.append(contentsOf: partData)
            }
            values = .bytes(offsets: offsets, data: data)
        }
        return Column(type: type, values: values, validity: validity)
    }

    private static func join<T>(_ parts: [Column], _ extract: (ColumnValues) -> [T]) -> [T] {
        var result: [T] = []
        result.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { result.append(contentsOf: extract(part.values)) }
        return result
    }
}

extension Batch {
    /// The rows of `batches` one after another under `schema`.
    static func concatenating(_ batches: [Batch], schema: Schema) throws(ExecutionError) -> Batch {
        if schema.fields.isEmpty { return Batch(rowCount: batches.reduce(0) { $0 + $1.rowCount }) }
        if batches.count == 1 { return batches[0] }
        var columns: [Column] = []
        for (index, field) in schema.fields.enumerated() {
            let parts = batches.map { $0.columns[index] }
            columns.append(
                parts.isEmpty
                    ? try Column.nulls(field.type, count: 0) : try Column.concatenating(parts, type: field.type))
        }
        return Batch(schema: schema, columns: columns)
    }

    /// The batch cut into consecutive batches of at most `rows` rows (none when empty).
    func chunked(rows: Int) -> [Batch] {
        guard rowCount > rows else { return rowCount == 0 ? [] : [self] }
        return stride(from: 0, to: rowCount, by: rows).map { slice($0..<min(rowCount, $0 + rows)) }
    }
}
