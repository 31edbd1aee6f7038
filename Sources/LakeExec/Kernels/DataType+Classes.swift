import LakeColumnar

extension DataType {
    var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: true
        default: false
        }
    }

    var isUnsignedInteger: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }

    var isInteger: Bool { isSignedInteger || isUnsignedInteger }

    var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    var isNumeric: Bool { isInteger || isFloatingPoint || isDecimal }

    var isTemporal: Bool {
        switch self {
        case .date32, .time, .timestamp: true
        default: false
        }
    }

    var isByteString: Bool {
        switch self {
        case .utf8, .binary, .fixedSizeBinary: true
        default: false
        }
    }

    /// Decimal digits an integer type needs (int64: 19, uint64: 20).
    var integerDigits: Int {
        switch self {
        case .int8, .uint8: 3
        case .int16, .uint16: 5
        case .int32, .uint32: 10
        case .int64: 19
        default: 20
        }
    }

    /// Precision and scale when this is a decimal (integers as decimal(digits, 0)).
    var decimalShape: (precision: Int, scale: Int)? {
        if case .decimal(let precision, let scale) = self { return (precision, scale) }
        if isInteger { return (integerDigits, 0) }
        return nil
    }

    /// Throws `unsupportedType` for nested types, which the executor does not evaluate.
    func requireFlat(_ context: String) throws(ExecutionError) {
        switch physical {
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .int128,
            .bytes, .fixedBytes:
            return
        default:
            throw .unsupportedType(self, context: context)
        }
    }
}
