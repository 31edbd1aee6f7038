import LakeColumnar

/// CAST between flat types: numeric widening and checked narrowing, rounding half away from zero, temporal unit
/// changes, rendering as text and parsing text.
///
/// A value that does not fit the target (out of range, NaN to integer, unparsable text) throws `invalidCast` or
/// `arithmeticOverflow`; null rows never fail. Spec: spec/executor.md (CAST)
enum CastKernel {
    /// Whether a cast from `source` to `target` is defined (its values may still fail).
    static func isSupported(from source: DataType, to target: DataType) -> Bool {
        if source == target { return true }
        let numericLike: (DataType) -> Bool = { $0.isNumeric || $0 == .bool }
        if numericLike(source) && numericLike(target) { return true }
        if target == .utf8 { return true }
        if source == .utf8 { return true }
        switch (source, target) {
        case (.binary, .fixedSizeBinary), (.fixedSizeBinary, .binary), (.fixedSizeBinary, .fixedSizeBinary): return true
        case (.date32, .timestamp), (.timestamp, .date32), (.timestamp, .timestamp), (.time, .time),
            (.timestamp, .time):
            return true
        default: return false
        }
    }

    static func cast(_ column: Column, to target: DataType) throws(ExecutionError) -> Column {
        let source = column.type
        if source == target { return column }
        try source.requireFlat("CAST")
        try target.requireFlat("CAST")
        if target == .utf8 { return try renderText(column) }
        if source == .utf8 { return try parseText(column, to: target) }
        if (source.isNumeric || source == .bool) && (target.isNumeric || target == .bool) {
            return try castNumeric(column, to: target)
        }
        switch (source, target) {
        case (.binary, .fixedSizeBinary(let width)), (.fixedSizeBinary, .fixedSizeBinary(let width)):
            return try bytesToFixed(column, width: width)
        case (.fixedSizeBinary, .binary):
            let (offsets, data) = try column.byteStrings()
            return Column.make(.binary, .bytes(offsets: offsets, data: data), validity: column.validity)
        case (.date32, .timestamp(let unit, _)):
            let perDay = 86_400 * unit.perSecond
            return try mapInt64(column, to: target, operation: "date to timestamp") { days in
                let (value, overflow) = days.multipliedReportingOverflow(by: perDay)
                return overflow ? nil : value
            }
        case (.timestamp(let unit, _), .date32):
            let perDay = 86_400 * unit.perSecond
            return try mapInt64(column, to: target, operation: "timestamp to date") { floorDivide($0, perDay) }
        case (.timestamp(let from, _), .timestamp(let to, _)), (.time(let from), .time(let to)):
            return try mapInt64(column, to: target, operation: "\(source) to \(target)") {
                rescaleTime($0, from: from, to: to)
            }
        case (.timestamp(let from, _), .time(let to)):
            let perDay = 86_400 * from.perSecond
            return try mapInt64(column, to: target, operation: "timestamp to time") {
                rescaleTime(floorModulo($0, perDay), from: from, to: to)
            }
        default:
            throw .typeMismatch("no cast from \(source) to \(target)")
        }
    }

    // MARK: numbers

    private static func castNumeric(_ column: Column, to target: DataType) throws(ExecutionError) -> Column {
        let source = column.type
        let validity = column.validity
        switch target {
        case .float64:
            return Column.make(.float64, .float64(try column.float64Values()), validity: validity)
        case .float32:
            return Column.make(.float32, .float32(try column.float64Values().map { Float($0) }), validity: validity)
        case .bool:
            let values: [Bool]
            if source.isFloatingPoint {
                values = try column.float64Values().map { $0 != 0 }
            } else {
                values = try column.int128Values().map { $0 != 0 }
            }
            return Column.make(.bool, .bool(values), validity: validity)
        case .decimal(let precision, let scale):
            var result = [Int128](repeating: 0, count: column.count)
            if source.isFloatingPoint {
                let values = try column.float64Values()
                let factor = DecimalMath.powerOfTenDouble(scale)
                for row in 0..<values.count where column.isValid(row) {
                    let scaled = (values[row] * factor).rounded(.toNearestOrAwayFromZero)
                    guard scaled.isFinite, abs(scaled) < 1e38, let exact = Int128(exactly: scaled),
                        DecimalMath.fits(exact, precision: precision)
                    else { throw .invalidCast(value: "\(values[row])", to: target) }
                    result[row] = exact
                }
            } else {
                let values = try column.int128Values()
                let fromScale = source.decimalShape?.scale ?? 0
                for row in 0..<values.count where column.isValid(row) {
                    guard let scaled = DecimalMath.rescale(values[row], from: fromScale, to: scale),
                        DecimalMath.fits(scaled, precision: precision)
                    else { throw .invalidCast(value: text(column, row), to: target) }
                    result[row] = scaled
                }
            }
            return Column.make(target, .int128(result), validity: validity)
        default:
            return try castToInteger(column, to: target)
        }
    }

    private static func castToInteger(_ column: Column, to target: DataType) throws(ExecutionError) -> Column {
        let source = column.type
        if source.isInteger || source == .bool {
            if target == .uint64 && source != .uint64 {
                let values = try column.int64Values()
                var result = [UInt64](repeating: 0, count: values.count)
                for row in 0..<values.count where column.isValid(row) {
                    guard let value = UInt64(exactly: values[row]) else {
                        throw .invalidCast(value: String(values[row]), to: target)
                    }
                    result[row] = value
                }
                return Column.make(target, .uint64(result), validity: column.validity)
            }
            do {
                return try Column.fromInt64(
                    try column.int64Values(), type: target, validity: column.validity, operation: "CAST")
            } catch {
                throw .invalidCast(value: firstMisfit(column, target) ?? "value", to: target)
            }
        }
        // Floating point and decimal: round half away from zero to an integer first.
        var wide = [Int128](repeating: 0, count: column.count)
        if source.isFloatingPoint {
            let values = try column.float64Values()
            for row in 0..<values.count where column.isValid(row) {
                let rounded = values[row].rounded(.toNearestOrAwayFromZero)
                guard rounded.isFinite, abs(rounded) < 1e20, let exact = Int128(exactly: rounded) else {
                    throw .invalidCast(value: "\(values[row])", to: target)
                }
                wide[row] = exact
            }
        } else {
            let values = try column.int128Values()
            let scale = source.decimalShape?.scale ?? 0
            for row in 0..<values.count where column.isValid(row) {
                wide[row] = DecimalMath.rescale(values[row], from: scale, to: 0) ?? 0
            }
        }
        if target == .uint64 {
            var result = [UInt64](repeating: 0, count: wide.count)
            for row in 0..<wide.count where column.isValid(row) {
                guard let value = UInt64(exactly: wide[row]) else {
                    throw .invalidCast(value: text(column, row), to: target)
                }
                result[row] = value
            }
            return Column.make(target, .uint64(result), validity: column.validity)
        }
        var narrow = [Int64](repeating: 0, count: wide.count)
        for row in 0..<wide.count where column.isValid(row) {
            guard let value = Int64(exactly: wide[row]) else {
                throw .invalidCast(value: text(column, row), to: target)
            }
            narrow[row] = value
        }
        do {
            return try Column.fromInt64(narrow, type: target, validity: column.validity, operation: "CAST")
        } catch {
            throw .invalidCast(value: firstMisfit(column, target) ?? "value", to: target)
        }
    }

    /// The text of the first valid row whose value `target` cannot hold (for error messages).
    private static func firstMisfit(_ column: Column, _ target: DataType) -> String? {
        for row in 0..<column.count where column.isValid(row) {
            var builder = ColumnBuilder(type: target)
            let value = column.value(at: row)
            let candidate: Value
            switch value {
            case .bool(let flag): candidate = .int(flag ? 1 : 0)
            case .decimal(let unscaled):
                let scale = column.type.decimalShape?.scale ?? 0
                guard let whole = DecimalMath.rescale(unscaled, from: scale, to: 0), let small = Int64(exactly: whole)
                else { return text(column, row) }
                candidate = .int(small)
            case .float64(let number):
                guard let whole = Int64(exactly: number.rounded(.toNearestOrAwayFromZero)) else { return "\(number)" }
                candidate = .int(whole)
            case .float32(let number):
                guard let whole = Int64(exactly: number.rounded(.toNearestOrAwayFromZero)) else { return "\(number)" }
                candidate = .int(whole)
            default: candidate = value
            }
            if (try? builder.append(candidate)) == nil { return text(column, row) }
        }
        return nil
    }

    static func text(_ column: Column, _ row: Int) -> String {
        ValueFormatter.text(column, row: row) ?? "NULL"
    }

    /// Whether a parsed value is in range for `type` (integer widths; the builder checks nothing else).
    private static func fits(_ value: Value, _ type: DataType) -> Bool {
        switch (value, type) {
        case (.int(let x), .int8): Int8(exactly: x) != nil
        case (.int(let x), .int16): Int16(exactly: x) != nil
        case (.int(let x), .int32), (.int(let x), .date32): Int32(exactly: x) != nil
        case (.uint(let x), .uint8): UInt8(exactly: x) != nil
        case (.uint(let x), .uint16): UInt16(exactly: x) != nil
        case (.uint(let x), .uint32): UInt32(exactly: x) != nil
        case (.int(let x), .time(.milliseconds)): Int32(exactly: x) != nil
        default: true
        }
    }

    // MARK: temporal

    private static func mapInt64(
        _ column: Column, to target: DataType, operation: String, _ transform: (Int64) -> Int64?
    ) throws(ExecutionError) -> Column {
        let values = try column.int64Values()
        var result = [Int64](repeating: 0, count: values.count)
        for row in 0..<values.count where column.isValid(row) {
            guard let value = transform(values[row]) else { throw .arithmeticOverflow(operation: operation) }
            result[row] = value
        }
        return try Column.fromInt64(result, type: target, validity: column.validity, operation: operation)
    }

    /// `count` in `from` units as `to` units: exact when finer, floored when coarser; nil on overflow.
    static func rescaleTime(_ count: Int64, from: TimeUnit, to: TimeUnit) -> Int64? {
        if from.perSecond == to.perSecond { return count }
        if to.perSecond > from.perSecond {
            let (value, overflow) = count.multipliedReportingOverflow(by: to.perSecond / from.perSecond)
            return overflow ? nil : value
        }
        return floorDivide(count, from.perSecond / to.perSecond)
    }

    @inline(__always) static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    @inline(__always) static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let remainder = a % b
        return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder
    }

    // MARK: bytes and text

    private static func bytesToFixed(_ column: Column, width: Int) throws(ExecutionError) -> Column {
        let (offsets, data) = try column.byteStrings()
        var result: [UInt8] = []
        result.reserveCapacity(column.count * width)
        for row in 0..<column.count {
            let range = Int(offsets[row])..<Int(offsets[row + 1])
            if column.isValid(row) {
                guard range.count == width else {
                    throw .invalidCast(
                        value: ValueFormatter.hex(Array(data[range])), to: .fixedSizeBinary(width: width))
                }
                result.append(contentsOf: data[range])
            } else {
                result.append(contentsOf: repeatElement(0, count: width))
            }
        }
        return Column.make(
            .fixedSizeBinary(width: width), .fixedBytes(width: width, data: result), validity: column.validity)
    }

    private static func renderText(_ column: Column) throws(ExecutionError) -> Column {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(column.count + 1)
        var data: [UInt8] = []
        if column.type == .binary || column.type.isByteString {
            let (sourceOffsets, sourceData) = try column.byteStrings()
            for row in 0..<column.count {
                if column.isValid(row) {
                    let bytes = sourceData[Int(sourceOffsets[row])..<Int(sourceOffsets[row + 1])]
                    guard String(validating: bytes, as: UTF8.self) != nil else {
                        throw .invalidCast(value: ValueFormatter.hex(Array(bytes)), to: .utf8)
                    }
                    data.append(contentsOf: bytes)
                }
                offsets.append(Int32(truncatingIfNeeded: data.count))
            }
        } else {
            for row in 0..<column.count {
                if let text = ValueFormatter.text(column, row: row) { data.append(contentsOf: text.utf8) }
                guard data.count <= Int(Int32.max) else { throw .arithmeticOverflow(operation: "text of a column") }
                offsets.append(Int32(data.count))
            }
        }
        return Column.make(.utf8, .bytes(offsets: offsets, data: data), validity: column.validity)
    }

    private static func parseText(_ column: Column, to target: DataType) throws(ExecutionError) -> Column {
        let (offsets, data) = try column.byteStrings()
        if target == .binary {
            return Column.make(.binary, .bytes(offsets: offsets, data: data), validity: column.validity)
        }
        if case .fixedSizeBinary(let width) = target { return try bytesToFixed(column, width: width) }
        var parsed = [Value](repeating: .null, count: column.count)
        for row in 0..<column.count where column.isValid(row) {
            let text = String(decoding: data[Int(offsets[row])..<Int(offsets[row + 1])], as: UTF8.self)
            guard let value = TextValueParser.parse(text, as: target), Self.fits(value, target) else {
                throw .invalidCast(value: text, to: target)
            }
            parsed[row] = value
        }
        return try Column.fromValues(parsed, type: target)
    }
}
