import LakeColumnar

/// Decodes the min/max bounds of Parquet statistics into `Value`s of a column's type, for pruning and display.
enum StatisticsValues {
    /// The bounds of `statistics`, or nil when they are missing or untrustworthy for this column (legacy
    /// `min`/`max` are used only where their signed order agrees with the column's order).
    static func bounds(_ statistics: Statistics?, column: ParquetColumn) -> (Value, Value)? {
        guard let statistics, column.hasDefinedSortOrder else { return nil }
        var minimum = statistics.minValue
        var maximum = statistics.maxValue
        if minimum == nil || maximum == nil {
            // Deprecated fields were written in signed order: only usable when that is the column's order.
            guard column.sortOrder == .signed, column.physicalType != .byteArray,
                column.physicalType != .fixedLenByteArray
            else { return nil }
            minimum = statistics.min
            maximum = statistics.max
        }
        guard let minimum, let maximum, let low = value(minimum, column), let high = value(maximum, column) else {
            return nil
        }
        return (low, high)
    }

    /// One PLAIN-encoded bound as a `Value`; nil when its length is wrong for the type.
    static func value(_ bytes: [UInt8], _ column: ParquetColumn) -> Value? {
        guard let type = column.dataType else { return nil }
        switch (column.physicalType, type) {
        case (.boolean, _): return bytes.count == 1 ? .bool(bytes[0] != 0) : nil
        case (.int32, .decimal):
            return bytes.count == 4 ? .decimal(Int128(Int32(bitPattern: UInt32(littleEndianBytes: bytes)))) : nil
        case (.int64, .decimal):
            return bytes.count == 8 ? .decimal(Int128(Int64(bitPattern: UInt64(littleEndianBytes: bytes)))) : nil
        case (.int32, .uint8), (.int32, .uint16), (.int32, .uint32):
            return bytes.count == 4 ? .uint(UInt64(UInt32(littleEndianBytes: bytes))) : nil
        case (.int32, _):
            return bytes.count == 4 ? .int(Int64(Int32(bitPattern: UInt32(littleEndianBytes: bytes)))) : nil
        case (.int64, .uint64): return bytes.count == 8 ? .uint(UInt64(littleEndianBytes: bytes)) : nil
        case (.int64, _): return bytes.count == 8 ? .int(Int64(bitPattern: UInt64(littleEndianBytes: bytes))) : nil
        case (.float, _): return bytes.count == 4 ? .float32(Float(bitPattern: UInt32(littleEndianBytes: bytes))) : nil
        case (.double, _):
            return bytes.count == 8 ? .float64(Double(bitPattern: UInt64(littleEndianBytes: bytes))) : nil
        case (_, .decimal):
            guard bytes.count <= 16 else { return nil }
            var unscaled: Int128 = (bytes.first ?? 0) & 0x80 != 0 ? -1 : 0
            for byte in bytes { unscaled = (unscaled << 8) | Int128(byte) }
            return .decimal(unscaled)
        case (_, .utf8): return .string(String(decoding: bytes, as: UTF8.self))
        default: return .bytes(bytes)
        }
    }
}
