import LakeColumnar

/// Canonical wide views of columns, so that kernels have one tight loop per wide type instead of one per width.
extension Column {
    /// Values of an integer, bool, date, time or timestamp column as Int64 (bool as 0/1). Null slots hold
    /// unspecified values.
    /// - Throws: `arithmeticOverflow` when a valid uint64 value exceeds Int64.max; `typeMismatch` for other types.
    func int64Values() throws(ExecutionError) -> [Int64] {
        switch values {
        case .int64(let v): return v
        case .int32(let v): return v.map(Int64.init)
        case .int16(let v): return v.map(Int64.init)
        case .int8(let v): return v.map(Int64.init)
        case .uint8(let v): return v.map(Int64.init)
        case .uint16(let v): return v.map(Int64.init)
        case .uint32(let v): return v.map(Int64.init)
        case .bool(let v): return v.map { $0 ? 1 : 0 }
        case .uint64(let v):
            var result = [Int64](repeating: 0, count: v.count)
            for row in 0..<v.count where isValid(row) {
                guard let value = Int64(exactly: v[row]) else {
                    throw .arithmeticOverflow(operation: "uint64 value \(v[row]) as int64")
                }
                result[row] = value
            }
            return result
        default: throw .typeMismatch("\(type) is not an integer type")
        }
    }

    /// Values of a numeric column as Double (decimals divided by 10^scale).
    func float64Values() throws(ExecutionError) -> [Double] {
        switch values {
        case .float64(let v): return v
        case .float32(let v): return v.map { Double($0) }
        case .uint64(let v): return v.map { Double($0) }
        case .int128(let v):
            let scale = type.decimalShape?.scale ?? 0
            let divisor = DecimalMath.powerOfTenDouble(scale)
            return v.map { Double($0) / divisor }
        default: return try int64Values().map { Double($0) }
        }
    }

    /// Values of an integer or decimal column as unscaled Int128 (integers have scale 0).
    func int128Values() throws(ExecutionError) -> [Int128] {
        switch values {
        case .int128(let v): return v
        case .uint64(let v): return v.map { Int128($0) }
        default: return try int64Values().map { Int128($0) }
        }
    }

    /// Offsets and data of a variable-width byte column, or of a fixed-width one (offsets computed).
    func byteStrings() throws(ExecutionError) -> (offsets: [Int32], data: [UInt8]) {
        switch values {
        case .bytes(let offsets, let data): return (offsets, data)
        case .fixedBytes(let width, let data):
            guard let width32 = Int32(exactly: width), Int32(exactly: data.count) != nil else {
                throw .arithmeticOverflow(operation: "fixed-size binary offsets")
            }
            return ((0...count).map { Int32($0) * width32 }, data)
        default: throw .typeMismatch("\(type) is not a byte string type")
        }
    }

    /// A column of `type` from Int64 values narrowed with range checks on valid rows.
    /// - Throws: `arithmeticOverflow` when a valid value does not fit `type`.
    static func fromInt64(_ values: [Int64], type: DataType, validity: Bitmap?, operation: String)
        throws(ExecutionError) -> Column
    {
        func narrow<T: FixedWidthInteger>(_: T.Type) throws(ExecutionError) -> [T] {
            var result = [T](repeating: 0, count: values.count)
            for row in 0..<values.count {
                if let value = T(exactly: values[row]) {
                    result[row] = value
                } else if validity?[row] ?? true {
                    throw .arithmeticOverflow(operation: "\(operation) (\(values[row]) does not fit \(type))")
                }
            }
            return result
        }
        let storage: ColumnValues
        switch type.physical {
        case .int64: storage = .int64(values)
        case .int32: storage = .int32(try narrow(Int32.self))
        case .int16: storage = .int16(try narrow(Int16.self))
        case .int8: storage = .int8(try narrow(Int8.self))
        case .uint8: storage = .uint8(try narrow(UInt8.self))
        case .uint16: storage = .uint16(try narrow(UInt16.self))
        case .uint32: storage = .uint32(try narrow(UInt32.self))
        case .uint64: storage = .uint64(try narrow(UInt64.self))
        case .int128: storage = .int128(values.map { Int128($0) })
        case .bool: storage = .bool(values.map { $0 != 0 })
        default: throw .typeMismatch("\(type) cannot hold integers")
        }
        return Column.make(type, storage, validity: validity)
    }
}

extension Column {
    /// A column of an integer or decimal `type` from unscaled Int128 values, checked on valid rows: integers
    /// against their range, decimals against their precision.
    /// - Throws: `arithmeticOverflow` when a valid value does not fit `type`.
    static func fromInt128(_ values: [Int128], type: DataType, validity: Bitmap?, operation: String)
        throws(ExecutionError) -> Column
    {
        let overflow = ExecutionError.arithmeticOverflow(operation: "\(operation) (result does not fit \(type))")
        if case .decimal(let precision, _) = type {
            for row in 0..<values.count where validity?[row] ?? true {
                guard DecimalMath.fits(values[row], precision: precision) else { throw overflow }
            }
            return Column.make(type, .int128(values), validity: validity)
        }
        if type == .uint64 {
            var result = [UInt64](repeating: 0, count: values.count)
            for row in 0..<values.count where validity?[row] ?? true {
                guard let value = UInt64(exactly: values[row]) else { throw overflow }
                result[row] = value
            }
            return Column.make(type, .uint64(result), validity: validity)
        }
        var result = [Int64](repeating: 0, count: values.count)
        for row in 0..<values.count where validity?[row] ?? true {
            guard let value = Int64(exactly: values[row]) else { throw overflow }
            result[row] = value
        }
        return try Column.fromInt64(result, type: type, validity: validity, operation: operation)
    }

    /// A float64 or float32 column (by `type`) from Double values.
    static func fromFloat64(_ values: [Double], type: DataType, validity: Bitmap?) -> Column {
        type == .float32
            ? Column.make(type, .float32(values.map { Float($0) }), validity: validity)
            : Column.make(.float64, .float64(values), validity: validity)
    }
}
