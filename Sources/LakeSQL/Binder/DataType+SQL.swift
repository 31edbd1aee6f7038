import LakeColumnar

/// Classification of column types for the binder's type rules.
///
/// Spec: spec/sql.md §8.2.
extension DataType {
    var isSQLInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    var isSQLUnsigned: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    var isSQLFloat: Bool { self == .float32 || self == .float64 }

    var isSQLDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    var isSQLNumeric: Bool { isSQLInteger || isSQLFloat || isSQLDecimal }

    var isSQLTemporal: Bool {
        switch self {
        case .date32, .timestamp, .time: true
        default: false
        }
    }

    var isSQLTimestamp: Bool {
        if case .timestamp = self { return true }
        return false
    }

    /// The decimal an integer or decimal type fits in exactly (`int32` is `decimal(10,0)`); nil for other types.
    var decimalShape: (precision: Int, scale: Int)? {
        switch self {
        case .decimal(let precision, let scale): (precision, scale)
        case .int8, .uint8: (3, 0)
        case .int16, .uint16: (5, 0)
        case .int32, .uint32: (10, 0)
        case .int64: (19, 0)
        case .uint64: (20, 0)
        default: nil
        }
    }
}
