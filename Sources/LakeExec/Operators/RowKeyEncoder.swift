import LakeColumnar

/// Encodes the key columns of each row as one byte string, equal for two rows exactly when every key is equal:
/// the hash key of aggregation, DISTINCT, COUNT(DISTINCT) and joins.
///
/// Per column: a null flag byte, then the value (fixed-width little-endian bytes, zero for nulls; or a 4-byte
/// length and the bytes). Nulls encode alike, so they form one group (SQL GROUP BY); joins drop null keys
/// themselves. Floats are normalized: -0.0 as 0.0 and every NaN as one NaN. Columns compared across inputs must
/// share one type. Rows are laid out back to back: sizes first, then one pass per column writes its part of every
/// row, so encoding is a loop per column, not per value.
enum RowKeyEncoder {
    static func encode(_ columns: [Column], rowCount: Int, prefix: [Int32]? = nil) throws(ExecutionError)
        -> EncodedKeys
    {
        var sizes = [Int](repeating: columns.count + (prefix == nil ? 0 : 4), count: rowCount)
        for column in columns {
            switch column.values {
            case .bytes(let offsets, _):
                for row in 0..<rowCount {
                    sizes[row] += 4 + (column.isNull(row) ? 0 : Int(offsets[row + 1] - offsets[row]))
                }
            case .fixedBytes(let width, _):
                for row in 0..<rowCount { sizes[row] += 4 + width }
            default:
                let width = try fixedWidth(column)
                for row in 0..<rowCount { sizes[row] += width }
            }
        }
        var offsets = [Int](repeating: 0, count: rowCount + 1)
        for row in 0..<rowCount { offsets[row + 1] = offsets[row] + sizes[row] }
        var cursor = Array(offsets.dropLast())
        var data = [UInt8](repeating: 0, count: offsets[rowCount])
        var byteViews: [(offsets: [Int32], data: [UInt8])?] = []
        for column in columns {
            switch column.values {
            case .bytes, .fixedBytes: byteViews.append(try column.byteStrings())
            default: byteViews.append(nil)
            }
        }
        data.withUnsafeMutableBytes { buffer in
            if let prefix {
                for row in 0..<rowCount {
                    buffer.storeBytes(of: prefix[row].littleEndian, toByteOffset: cursor[row], as: Int32.self)
                    cursor[row] += 4
                }
            }
            for (column, view) in zip(columns, byteViews) { write(column, view, into: buffer, cursor: &cursor) }
        }
        return EncodedKeys(data: data, offsets: offsets)
    }

    /// Whether any key column is null at each row.
    static func anyNull(_ columns: [Column], rowCount: Int) -> [Bool] {
        var result = [Bool](repeating: false, count: rowCount)
        for column in columns {
            guard let validity = column.validity else { continue }
            for row in 0..<rowCount where !validity[row] { result[row] = true }
        }
        return result
    }

    private static func fixedWidth(_ column: Column) throws(ExecutionError) -> Int {
        switch column.values {
        case .bool, .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        case .int128: return 16
        default: throw .unsupportedType(column.type, context: "grouping or join key")
        }
    }

    /// Writes `column`'s part of every row at `cursor` and advances it. `view` holds a byte column's storage.
    /// - Precondition: the column type was accepted by `fixedWidth` or is a byte string.
    private static func write(
        _ column: Column, _ view: (offsets: [Int32], data: [UInt8])?, into buffer: UnsafeMutableRawBufferPointer,
        cursor: inout [Int]
    ) {
        let validity = column.validity
        func fixed<T: FixedWidthInteger>(_ values: [T]) {
            let width = MemoryLayout<T>.size
            for row in 0..<cursor.count {
                let position = cursor[row]
                if validity?[row] ?? true {
                    buffer[position] = 1
                    buffer.storeBytes(of: values[row].littleEndian, toByteOffset: position + 1, as: T.self)
                }
                cursor[row] = position + 1 + width
            }
        }
        func normalized(_ value: Double) -> UInt64 {
            if value.isNaN { return Double.nan.bitPattern }
            return value == 0 ? 0 : value.bitPattern
        }
        switch column.values {
        case .bool(let v): fixed(v.map { $0 ? 1 : 0 as UInt8 })
        case .int8(let v): fixed(v)
        case .int16(let v): fixed(v)
        case .int32(let v): fixed(v)
        case .int64(let v): fixed(v)
        case .uint8(let v): fixed(v)
        case .uint16(let v): fixed(v)
        case .uint32(let v): fixed(v)
        case .uint64(let v): fixed(v)
        case .int128(let v): fixed(v)
        case .float32(let v): fixed(v.map { $0.isNaN ? Float.nan.bitPattern : ($0 == 0 ? 0 : $0.bitPattern) })
        case .float64(let v): fixed(v.map(normalized))
        case .bytes, .fixedBytes:
            var fixedWidth: Int? = nil
            if case .fixedBytes(let width, _) = column.values { fixedWidth = width }
            guard let (offsets, data) = view else { return }
            data.withUnsafeBytes { source in
                for row in 0..<cursor.count {
                    var position = cursor[row]
                    let valid = validity?[row] ?? true
                    let start = Int(offsets[row])
                    let length = valid ? Int(offsets[row + 1]) - start : 0
                    buffer[position] = valid ? 1 : 0
                    buffer.storeBytes(of: UInt32(length).littleEndian, toByteOffset: position + 1, as: UInt32.self)
                    position += 5
                    if length > 0, let target = buffer.baseAddress, let origin = source.baseAddress {
                        (target + position).copyMemory(from: origin + start, byteCount: length)
                    }
                    cursor[row] = position + (fixedWidth ?? length)
                }
            }
        default:
            preconditionFailure("key column types are checked before writing")
        }
    }
}
