import LakeColumnar

extension PlanBuilder {
    /// Integers are int64 (converted to a column's type where compared with one), digit strings with a fraction
    /// are decimals of their digits (float64 beyond 38 digits), exponents are float64, typed literals are checked
    /// here, and NULL takes the type its context gives it.
    func bindLiteral(_ literal: Literal, at expression: Expression) throws(SQLError) -> BoundExpression {
        switch literal {
        case .null: return .literal(.null, .int64)
        case .boolean(let flag): return .literal(.bool(flag), .bool)
        case .integer(let value): return .literal(.int(value), .int64)
        case .decimal(let text):
            if let (unscaled, precision, scale) = DecimalText.parse(text) {
                return .literal(.decimal(unscaled), .decimal(precision: precision, scale: scale))
            }
            guard let value = Double(text) else {
                throw Self.error(.invalidLiteral(text, reason: "not a number"), at: expression)
            }
            return .literal(.float64(value), .float64)
        case .double(let value): return .literal(.float64(value), .float64)
        case .string(let text): return .literal(.string(text), .utf8)
        case .typed(let typeName, let text):
            guard let type = typeName.dataType else {
                throw Self.error(.unknownType(typeName.description), at: expression)
            }
            let string = BoundExpression.literal(.string(text), .utf8)
            guard let converted = Self.convertLiteral(string, to: type) else {
                throw Self.error(
                    .invalidLiteral(text, reason: "not a valid \(typeName.name.lowercased())"), at: expression)
            }
            return converted
        case .interval:
            throw Self.error(
                .typeMismatch("an interval can only be added to or subtracted from a date or timestamp"), at: expression
            )
        }
    }

    /// The interval's months, days and microseconds, or an error on overflow.
    static func intervalValue(_ interval: IntervalLiteral, at expression: Expression) throws(SQLError) -> IntervalValue
    {
        var value = IntervalValue()
        for component in interval.components {
            let (target, factor): (WritableKeyPath<IntervalValue, Int64>, Int64)
            switch component.unit {
            case .year: (target, factor) = (\.months, 12)
            case .quarter: (target, factor) = (\.months, 3)
            case .month: (target, factor) = (\.months, 1)
            case .week: (target, factor) = (\.days, 7)
            case .day: (target, factor) = (\.days, 1)
            case .hour: (target, factor) = (\.microseconds, 3_600_000_000)
            case .minute: (target, factor) = (\.microseconds, 60_000_000)
            case .second: (target, factor) = (\.microseconds, 1_000_000)
            case .millisecond: (target, factor) = (\.microseconds, 1_000)
            case .microsecond, .dayOfWeek, .dayOfYear, .epoch: (target, factor) = (\.microseconds, 1)
            }
            let (scaled, overflow) = component.quantity.multipliedReportingOverflow(by: factor)
            let (sum, sumOverflow) = value[keyPath: target].addingReportingOverflow(scaled)
            guard !overflow, !sumOverflow else {
                throw Self.error(.invalidLiteral(interval.text, reason: "the interval overflows"), at: expression)
            }
            value[keyPath: target] = sum
        }
        return value
    }

    /// The literal converted to `type` at bind time, or nil when it is not a literal or does not convert
    /// exactly (then a run-time cast is needed, or the conversion is an error).
    static func convertLiteral(_ expression: BoundExpression, to type: DataType) -> BoundExpression? {
        guard let value = expression.literalValue else { return nil }
        if value == .null { return .literal(.null, type) }
        if expression.type == type { return expression }
        switch (value, type) {
        case (.int(let number), _) where type.isSQLInteger:
            guard IntegerRange.contains(number, type) else { return nil }
            return .literal(type.isSQLUnsigned ? .uint(UInt64(number)) : .int(number), type)
        case (.int(let number), .float64): return .literal(.float64(Double(number)), type)
        case (.int(let number), .float32): return .literal(.float32(Float(number)), type)
        case (.int(let number), .decimal(let precision, let scale)):
            return decimalLiteral(Int128(number), fromScale: 0, precision: precision, scale: scale)
        case (.decimal(let unscaled), .decimal(let precision, let scale)):
            guard case .decimal(_, let fromScale) = expression.type else { return nil }
            return decimalLiteral(unscaled, fromScale: fromScale, precision: precision, scale: scale)
        case (.decimal(let unscaled), .float64):
            guard case .decimal(_, let fromScale) = expression.type else { return nil }
            return .literal(.float64(Double(DecimalText.text(unscaled: unscaled, scale: fromScale)) ?? 0), type)
        case (.float64(let number), .float32): return .literal(.float32(Float(number)), type)
        case (.string(let text), .date32):
            return DateTimeText.parseDate(text).map { .literal(.int($0), type) }
        case (.string(let text), .timestamp(let unit, _)):
            guard let micros = DateTimeText.parseTimestampMicroseconds(text) else { return nil }
            switch unit {
            case .microseconds: return .literal(.int(micros), type)
            case .milliseconds: return micros % 1_000 == 0 ? .literal(.int(micros / 1_000), type) : nil
            case .nanoseconds:
                let (nanos, overflow) = micros.multipliedReportingOverflow(by: 1_000)
                return overflow ? nil : .literal(.int(nanos), type)
            }
        case (.int(let days), .timestamp(let unit, _)) where expression.type == .date32:
            let (count, overflow) = days.multipliedReportingOverflow(by: 86_400 * unit.perSecond)
            return overflow ? nil : .literal(.int(count), type)
        case (_, .utf8) where expression.type.isSQLNumeric || expression.type == .bool:
            return .literal(.string(BoundExpression.literalText(value, type: expression.type)), type)
        default: return nil
        }
    }

    private static func decimalLiteral(_ unscaled: Int128, fromScale: Int, precision: Int, scale: Int)
        -> BoundExpression?
    {
        guard scale >= fromScale else { return nil }
        var value = unscaled
        for _ in fromScale..<scale {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = next
        }
        guard String(value.magnitude).count <= precision else { return nil }
        return .literal(.decimal(value), .decimal(precision: precision, scale: scale))
    }
}

/// Ranges of the integer column types, for converting literals.
enum IntegerRange {
    static func contains(_ value: Int64, _ type: DataType) -> Bool {
        switch type {
        case .int8: Int64(Int8.min)...Int64(Int8.max) ~= value
        case .int16: Int64(Int16.min)...Int64(Int16.max) ~= value
        case .int32: Int64(Int32.min)...Int64(Int32.max) ~= value
        case .int64: true
        case .uint8: 0...Int64(UInt8.max) ~= value
        case .uint16: 0...Int64(UInt16.max) ~= value
        case .uint32: 0...Int64(UInt32.max) ~= value
        case .uint64: value >= 0
        default: false
        }
    }
}
