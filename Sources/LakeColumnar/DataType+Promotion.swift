/// The implicit promotion lattice shared by the SQL binder and the executor.
extension DataType {
    /// The narrowest type both `lhs` and `rhs` convert to without an explicit CAST, or nil when there is none.
    ///
    /// - Integers widen to the wider integer; signed with unsigned to the signed type twice the unsigned width
    ///   (int64 with uint64: decimal(20,0)).
    /// - A float with any number gives float64 (float32 with float32 stays float32).
    /// - Decimals and integers give the decimal with the larger integer digits and the larger scale (integers
    ///   count as decimal(digits, 0): int32 10, int64 19, uint64 20), capped at 38 digits.
    /// - date32 with a timestamp gives the timestamp; two timestamps or two times give the finer unit (a timestamp
    ///   keeps the zone flag of `lhs`).
    /// - utf8, binary and fixed-size binary mixes give binary.
    ///
    /// Nested types only meet themselves. Spec: spec/executor.md (type rules), spec/sql.md §8.2.
    public static func commonSupertype(_ lhs: DataType, _ rhs: DataType) -> DataType? {
        if lhs == rhs { return lhs }
        let left = lhs.numericShape
        let right = rhs.numericShape
        switch (left, right) {
        case (.integer(let a, let aSigned)?, .integer(let b, let bSigned)?):
            return commonInteger((a, aSigned), (b, bSigned))
        case (.float?, _?), (_?, .float?):
            return .float64
        case (let a?, let b?):
            guard let leftDecimal = a.decimal, let rightDecimal = b.decimal else { return nil }
            let scale = max(leftDecimal.scale, rightDecimal.scale)
            let integerDigits = max(
                leftDecimal.precision - leftDecimal.scale, rightDecimal.precision - rightDecimal.scale)
            return .decimal(precision: min(decimalPrecisionMax, integerDigits + scale), scale: scale)
        default:
            break
        }
        switch (lhs, rhs) {
        case (.date32, .timestamp(let unit, let utc)), (.timestamp(let unit, let utc), .date32):
            return .timestamp(unit, utc: utc)
        case (.timestamp(let a, let utc), .timestamp(let b, _)):
            return .timestamp(a.perSecond >= b.perSecond ? a : b, utc: utc)
        case (.time(let a), .time(let b)):
            return .time(a.perSecond >= b.perSecond ? a : b)
        case (.utf8, .binary), (.binary, .utf8), (.fixedSizeBinary, .binary), (.binary, .fixedSizeBinary),
            (.fixedSizeBinary, .fixedSizeBinary):
            return .binary
        default:
            return nil
        }
    }

    private static func commonInteger(_ lhs: (bits: Int, signed: Bool), _ rhs: (bits: Int, signed: Bool)) -> DataType {
        let bits: Int
        if lhs.signed == rhs.signed {
            bits = max(lhs.bits, rhs.bits)
            if !lhs.signed {
                switch bits {
                case 8: return .uint8
                case 16: return .uint16
                case 32: return .uint32
                default: return .uint64
                }
            }
        } else {
            let unsigned = lhs.signed ? rhs.bits : lhs.bits
            let signed = lhs.signed ? lhs.bits : rhs.bits
            bits = max(signed, unsigned * 2)
        }
        switch bits {
        case ...8: return .int8
        case ...16: return .int16
        case ...32: return .int32
        case ...64: return .int64
        default: return .decimal(precision: 20, scale: 0)
        }
    }

    /// How a numeric type takes part in promotion.
    private enum NumericShape {
        case integer(bits: Int, signed: Bool)
        case float
        case decimal(precision: Int, scale: Int)

        /// The decimal the shape fits in exactly (integers as decimal(digits, 0)); nil for floats.
        var decimal: (precision: Int, scale: Int)? {
            switch self {
            case .integer(let bits, let signed):
                switch bits {
                case 8: (3, 0)
                case 16: (5, 0)
                case 32: (10, 0)
                default: (signed ? 19 : 20, 0)
                }
            case .float: nil
            case .decimal(let precision, let scale): (precision, scale)
            }
        }
    }

    private var numericShape: NumericShape? {
        switch self {
        case .int8: .integer(bits: 8, signed: true)
        case .int16: .integer(bits: 16, signed: true)
        case .int32: .integer(bits: 32, signed: true)
        case .int64: .integer(bits: 64, signed: true)
        case .uint8: .integer(bits: 8, signed: false)
        case .uint16: .integer(bits: 16, signed: false)
        case .uint32: .integer(bits: 32, signed: false)
        case .uint64: .integer(bits: 64, signed: false)
        case .float32, .float64: .float
        case .decimal(let precision, let scale): .decimal(precision: precision, scale: scale)
        default: nil
        }
    }
}
