import LakeColumnar

/// Conversions between `LakeColumnar` columns and Parquet physical values.
///
/// Writing keeps only the non-null values (Parquet stores nulls as definition levels); reading spreads the
/// decoded non-null values back over the rows that the validity bitmap marks valid.
///
/// Spec: spec/parquet.md#type-mapping
extension PhysicalValues {
    /// The non-null values of `column`, converted to the physical type that `layout` prescribes.
    /// - Throws: `.invalidArgument` when a decimal does not fit its declared precision.
    init(nonNullValuesOf column: Column, layout: PhysicalLayout) throws(ParquetError) {
        let validity = column.nullCount == 0 ? nil : column.validity
        switch (column.values, layout) {
        case (.bool(let v), .boolean): self = .boolean(Self.compact(v, validity))
        case (.int32(let v), .int32): self = .int32(Self.compact(v, validity))
        case (.int64(let v), .int64): self = .int64(Self.compact(v, validity))
        case (.float32(let v), .float): self = .float(Self.compact(v, validity))
        case (.float64(let v), .double): self = .double(Self.compact(v, validity))
        case (.int8(let v), .int32): self = .int32(Self.compact(v, validity) { Int32($0) })
        case (.int16(let v), .int32): self = .int32(Self.compact(v, validity) { Int32($0) })
        case (.uint8(let v), .int32): self = .int32(Self.compact(v, validity) { Int32($0) })
        case (.uint16(let v), .int32): self = .int32(Self.compact(v, validity) { Int32($0) })
        case (.uint32(let v), .int32): self = .int32(Self.compact(v, validity) { Int32(bitPattern: $0) })
        case (.uint64(let v), .int64): self = .int64(Self.compact(v, validity) { Int64(bitPattern: $0) })
        case (.int128(let v), .int32):
            let kept = Self.compact(v, validity)
            guard kept.allSatisfy({ Int32(exactly: $0) != nil }) else { throw Self.decimalOverflow(column.type) }
            self = .int32(kept.map { Int32(truncatingIfNeeded: $0) })
        case (.int128(let v), .int64):
            let kept = Self.compact(v, validity)
            guard kept.allSatisfy({ Int64(exactly: $0) != nil }) else { throw Self.decimalOverflow(column.type) }
            self = .int64(kept.map { Int64(truncatingIfNeeded: $0) })
        case (.int128(let v), .fixedLenByteArray(let width)):
            let kept = Self.compact(v, validity)
            var data = [UInt8]()
            data.reserveCapacity(kept.count * width)
            let bits = width * 8
            for value in kept {
                if bits < 128 {
                    let limit = Int128(1) << (bits - 1)
                    guard value >= -limit && value < limit else { throw Self.decimalOverflow(column.type) }
                }
                for byte in stride(from: width - 1, through: 0, by: -1) {
                    data.append(UInt8(truncatingIfNeeded: value >> (byte * 8)))
                }
            }
            self = .fixedLenByteArray(width: width, data: data)
        case (.bytes(let offsets, let data), .byteArray):
            guard let validity else {
                self = .byteArray(offsets: offsets, data: data)
                return
            }
            var keptOffsets: [Int32] = [0]
            var keptData: [UInt8] = []
            keptOffsets.reserveCapacity(offsets.count)
            keptData.reserveCapacity(data.count)
            for row in 0..<(offsets.count - 1) where validity[row] {
                keptData.append(contentsOf: data[Int(offsets[row])..<Int(offsets[row + 1])])
                keptOffsets.append(Int32(keptData.count))
            }
            self = .byteArray(offsets: keptOffsets, data: keptData)
        case (.fixedBytes(let width, let data), .fixedLenByteArray):
            guard let validity else {
                self = .fixedLenByteArray(width: width, data: data)
                return
            }
            var kept: [UInt8] = []
            kept.reserveCapacity(data.count)
            for row in 0..<validity.count where validity[row] {
                kept.append(contentsOf: data[row * width..<(row + 1) * width])
            }
            self = .fixedLenByteArray(width: width, data: kept)
        default:
            preconditionFailure("layout \(layout) does not store \(column.type)")
        }
    }

    private static func decimalOverflow(_ type: DataType) -> ParquetError {
        ParquetError(.invalidArgument, "a decimal value does not fit \(type)")
    }

    /// The values at the valid rows. `validity` has one bit per value (a `Column` invariant).
    private static func compact<T>(_ values: [T], _ validity: Bitmap?) -> [T] {
        guard validity != nil else { return values }
        return compact(values, validity) { $0 }
    }

    private static func compact<T, U>(_ values: [T], _ validity: Bitmap?, _ convert: (T) -> U) -> [U] {
        guard let validity else { return values.map(convert) }
        var kept: [U] = []
        kept.reserveCapacity(validity.setCount)
        values.withUnsafeBufferPointer { values in
            validity.forEachSetIndex { row in kept.append(convert(values[row])) }
        }
        return kept
    }
}

extension PhysicalValues {
    /// Moves the values of the valid rows to their row positions: afterwards there is one value per row, and a null
    /// row holds zero (false, an empty byte string, or `width` zero bytes).
    ///
    /// Fixed-width values move within their own array, from the last row backwards, stopping as soon as every row
    /// left is valid (and so already in place): a chunk whose array was reserved for its rows needs no second
    /// allocation. BYTE_ARRAY gets new offsets (the bytes stay); FIXED_LEN_BYTE_ARRAY gets new data.
    /// - Throws: `.invalidData` when the values do not number the valid rows.
    mutating func spread(over validity: Bitmap?, rowCount: Int) throws(ParquetError) {
        let validCount = validity?.setCount ?? rowCount
        guard count == validCount else {
            throw .invalidData("\(count) values decoded for \(validCount) non-null rows")
        }
        guard let validity, validCount != rowCount else { return }
        precondition(validity.count == rowCount, "validity has \(validity.count) bits for \(rowCount) rows")
        switch taking() {
        case .boolean(var v):
            Self.spreadInPlace(&v, validity, zero: false)
            self = .boolean(v)
        case .int32(var v):
            Self.spreadInPlace(&v, validity, zero: 0)
            self = .int32(v)
        case .int64(var v):
            Self.spreadInPlace(&v, validity, zero: 0)
            self = .int64(v)
        case .float(var v):
            Self.spreadInPlace(&v, validity, zero: 0)
            self = .float(v)
        case .double(var v):
            Self.spreadInPlace(&v, validity, zero: 0)
            self = .double(v)
        case .byteArray(let offsets, let data):
            // A null row repeats the previous end offset; `next` advances past each valid row's value.
            var spreadOffsets = [Int32](repeating: 0, count: rowCount + 1)
            spreadOffsets.withUnsafeMutableBufferPointer { spread in
                offsets.withUnsafeBufferPointer { offsets in
                    validity.words.withUnsafeBufferPointer { words in
                        var next = 0
                        for row in 0..<rowCount {
                            next += Int(truncatingIfNeeded: words[row >> 6] >> UInt64(row & 63)) & 1
                            spread[row + 1] = offsets[next]
                        }
                    }
                }
            }
            self = .byteArray(offsets: spreadOffsets, data: data)
        case .fixedLenByteArray(let width, let data):
            var spread = [UInt8](repeating: 0, count: rowCount * width)
            var next = 0
            validity.forEachSetIndex { row in
                spread.replaceSubrange(row * width..<(row + 1) * width, with: data[next * width..<(next + 1) * width])
                next += 1
            }
            self = .fixedLenByteArray(width: width, data: spread)
        }
    }

    /// Spreads `values` (one per set bit of `validity`) over `validity.count` rows within the same array, working
    /// from the last row backwards: a word of 64 valid rows moves as one block, a word of nulls is zero-filled.
    private static func spreadInPlace<T: BitwiseCopyable>(_ values: inout [T], _ validity: Bitmap, zero: T) {
        let rowCount = validity.count
        var next = values.count  // values[0..<next] are the valid values of rows 0..<row, not yet moved
        values.append(contentsOf: repeatElement(zero, count: rowCount - next))
        values.withUnsafeMutableBufferPointer { values in
            guard let base = values.baseAddress else { return }
            validity.words.withUnsafeBufferPointer { words in
                var row = rowCount
                while row > next {
                    let word = words[(row - 1) >> 6]
                    if row & 63 == 0 && (word == ~0 || word == 0) {
                        // A whole word: 64 valid rows move as one (possibly overlapping) block, or 64 nulls.
                        row -= 64
                        if word == 0 {
                            (base + row).update(repeating: zero, count: 64)
                        } else {
                            next -= 64
                            UnsafeMutableRawPointer(base + row).copyMemory(
                                from: base + next, byteCount: 64 * MemoryLayout<T>.stride)
                        }
                        continue
                    }
                    row -= 1
                    if word >> UInt64(row & 63) & 1 != 0 {
                        next -= 1
                        base[row] = base[next]
                    } else {
                        base[row] = zero
                    }
                }
            }
        }
    }
}

extension Column {
    /// A column of `type` from `values` that hold one value per row, nulls included (see
    /// `PhysicalValues.spread(over:rowCount:)`), converted to the column's storage.
    /// - Throws: `.invalidData` when there is not one value per row or a decimal does not fit 128 bits;
    ///   `.unsupported` when the physical values cannot be read as `type`.
    init(type: DataType, physical values: PhysicalValues, validity: Bitmap?, rowCount: Int) throws(ParquetError) {
        guard values.count == rowCount else {
            throw .invalidData("\(values.count) values for \(rowCount) rows")
        }
        let storage: ColumnValues
        switch (type.physical, values) {
        case (.bool, .boolean(let v)): storage = .bool(v)
        case (.int32, .int32(let v)): storage = .int32(v)
        case (.int64, .int64(let v)): storage = .int64(v)
        case (.float32, .float(let v)): storage = .float32(v)
        case (.float64, .double(let v)): storage = .float64(v)
        case (.int8, .int32(let v)): storage = .int8(v.map { Int8(truncatingIfNeeded: $0) })
        case (.int16, .int32(let v)): storage = .int16(v.map { Int16(truncatingIfNeeded: $0) })
        case (.uint8, .int32(let v)): storage = .uint8(v.map { UInt8(truncatingIfNeeded: $0) })
        case (.uint16, .int32(let v)): storage = .uint16(v.map { UInt16(truncatingIfNeeded: $0) })
        case (.uint32, .int32(let v)): storage = .uint32(v.map { UInt32(bitPattern: $0) })
        case (.uint64, .int64(let v)): storage = .uint64(v.map { UInt64(bitPattern: $0) })
        case (.int128, .int32(let v)): storage = .int128(v.map { Int128($0) })
        case (.int128, .int64(let v)): storage = .int128(v.map { Int128($0) })
        case (.int128, .fixedLenByteArray(let width, let data)):
            guard width <= 16 else { throw .invalidData("decimal of \(width) bytes does not fit 128 bits") }
            var unscaled: [Int128] = []
            unscaled.reserveCapacity(rowCount)
            for index in 0..<rowCount {
                unscaled.append(Self.bigEndianSigned(data[index * width..<(index + 1) * width]))
            }
            storage = .int128(unscaled)
        case (.int128, .byteArray(let offsets, let data)):
            var unscaled: [Int128] = []
            unscaled.reserveCapacity(rowCount)
            for index in 0..<rowCount {
                let bytes = data[Int(offsets[index])..<Int(offsets[index + 1])]
                guard bytes.count <= 16 else { throw .invalidData("decimal of \(bytes.count) bytes does not fit 128 bits") }
                unscaled.append(Self.bigEndianSigned(bytes))
            }
            storage = .int128(unscaled)
        case (.bytes, .byteArray(let offsets, let data)):
            storage = .bytes(offsets: offsets, data: data)
        case (.fixedBytes, .fixedLenByteArray(let width, let data)):
            guard case .fixedSizeBinary(let declared) = type, declared == width else {
                throw .invalidData("fixed-length values of \(width) bytes do not match \(type)")
            }
            storage = .fixedBytes(width: width, data: data)
        default:
            throw ParquetError(.unsupported, "cannot read physical values \(values.kindName) as \(type)")
        }
        self.init(type: type, values: storage, validity: validity)
    }

    private static func bigEndianSigned(_ bytes: ArraySlice<UInt8>) -> Int128 {
        guard let first = bytes.first else { return 0 }
        var value: Int128 = first & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = (value << 8) | Int128(byte) }
        return value
    }
}

extension PhysicalValues {
    var kindName: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray(let width, _): "FIXED_LEN_BYTE_ARRAY(\(width))"
        }
    }
}
