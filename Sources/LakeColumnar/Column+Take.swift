extension Column {
    /// The rows at `rows` (in that order, repeats allowed) as a new column.
    /// - Precondition: every index is in `0..<count`.
    /// - Complexity: O(rows.count) plus the bytes copied for variable-width values.
    public func taking(_ rows: [Int]) -> Column {
        let taken: ColumnValues
        switch values {
        case .bool(let v): taken = .bool(rows.map { v[$0] })
        case .int8(let v): taken = .int8(rows.map { v[$0] })
        case .int16(let v): taken = .int16(rows.map { v[$0] })
        case .int32(let v): taken = .int32(rows.map { v[$0] })
        case .int64(let v): taken = .int64(rows.map { v[$0] })
        case .uint8(let v): taken = .uint8(rows.map { v[$0] })
        case .uint16(let v): taken = .uint16(rows.map { v[$0] })
        case .uint32(let v): taken = .uint32(rows.map { v[$0] })
        case .uint64(let v): taken = .uint64(rows.map { v[$0] })
        case .float32(let v): taken = .float32(rows.map { v[$0] })
        case .float64(let v): taken = .float64(rows.map { v[$0] })
        case .int128(let v): taken = .int128(rows.map { v[$0] })
        case .bytes(let offsets, let data):
            var takenOffsets: [Int32] = [0]
            takenOffsets.reserveCapacity(rows.count + 1)
            var takenData: [UInt8] = []
            for row in rows {
                takenData.append(contentsOf: data[Int(offsets[row])..<Int(offsets[row + 1])])
                takenOffsets.append(Int32(takenData.count))
            }
            taken = .bytes(offsets: takenOffsets, data: takenData)
        case .fixedBytes(let width, let data):
            var takenData: [UInt8] = []
            takenData.reserveCapacity(rows.count * width)
            for row in rows { takenData.append(contentsOf: data[row * width..<(row + 1) * width]) }
            taken = .fixedBytes(width: width, data: takenData)
        case .list(let offsets, let elements):
            let (takenOffsets, entries) = Self.takingOffsets(offsets, rows)
            taken = .list(offsets: takenOffsets, elements: elements.taking(entries))
        case .struct(let children, _):
            taken = .struct(children: children.map { $0.taking(rows) }, count: rows.count)
        case .map(let offsets, let keys, let values):
            let (takenOffsets, entries) = Self.takingOffsets(offsets, rows)
            taken = .map(offsets: takenOffsets, keys: keys.taking(entries), values: values.taking(entries))
        }
        guard let validity, nullCount > 0 else { return Column(type: type, values: taken) }
        return Column(type: type, values: taken, validity: Bitmap(rows.lazy.map { validity[$0] }))
    }

    /// The offsets of the taken rows and the child entry indices they span, in order.
    private static func takingOffsets(_ offsets: [Int32], _ rows: [Int]) -> ([Int32], [Int]) {
        var takenOffsets: [Int32] = [0]
        takenOffsets.reserveCapacity(rows.count + 1)
        var entries: [Int] = []
        for row in rows {
            entries.append(contentsOf: Int(offsets[row])..<Int(offsets[row + 1]))
            takenOffsets.append(Int32(entries.count))
        }
        return (takenOffsets, entries)
    }
}
