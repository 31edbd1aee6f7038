import LakeColumnar

/// The Parquet physical type a column is written with, and its width for FIXED_LEN_BYTE_ARRAY.
enum PhysicalLayout: Equatable {
    case boolean, int32, int64, float, double, byteArray
    case fixedLenByteArray(width: Int)

    /// The layout this engine writes `type` with: small integers widen to INT32, unsigned integers keep their
    /// bit pattern in the signed type of their width, decimals use the narrowest of INT32 (precision <= 9),
    /// INT64 (<= 18) or FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold the precision.
    ///
    /// Nil for nested types, which have no physical type of their own (their leaves do).
    ///
    /// Spec: parquet-format LogicalTypes.md (DECIMAL, INTEGER, TIMESTAMP, TIME, DATE).
    init?(writing type: DataType) {
        switch type {
        case .bool: self = .boolean
        case .int8, .int16, .int32, .uint8, .uint16, .uint32, .date32: self = .int32
        case .int64, .uint64, .timestamp: self = .int64
        case .time(let unit): self = unit == .milliseconds ? .int32 : .int64
        case .float32: self = .float
        case .float64: self = .double
        case .utf8, .binary: self = .byteArray
        case .fixedSizeBinary(let width): self = .fixedLenByteArray(width: width)
        case .decimal(let precision, _):
            if precision <= 9 {
                self = .int32
            } else if precision <= 18 {
                self = .int64
            } else {
                self = .fixedLenByteArray(width: Self.decimalBytes(precision: precision))
            }
        case .list, .struct, .map: return nil
        }
    }

    /// The fewest bytes whose signed range holds every number of `precision` decimal digits.
    static func decimalBytes(precision: Int) -> Int {
        var width = 1
        var limit: Int128 = 1 << 7  // values below 2^(8*width-1)
        var largest: Int128 = 1
        for _ in 0..<precision { largest *= 10 }
        while largest - 1 >= limit && width < 16 {
            width += 1
            limit <<= 8
        }
        return width
    }
}
