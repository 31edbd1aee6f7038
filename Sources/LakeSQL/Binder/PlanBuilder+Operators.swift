import LakeColumnar

extension PlanBuilder {
    mutating func bindBinary(
        _ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression, at expression: Expression,
        _ context: ExpressionContext
    ) throws(SQLError) -> BoundExpression {
        if op == .add || op == .subtract, case .literal(.interval(let interval)) = rightExpression.kind {
            return try addInterval(
                bindExpression(leftExpression, context), interval, negated: op == .subtract, at: expression)
        }
        if op == .add, case .literal(.interval(let interval)) = leftExpression.kind {
            return try addInterval(bindExpression(rightExpression, context), interval, negated: false, at: expression)
        }
        var left = try bindExpression(leftExpression, context)
        var right = try bindExpression(rightExpression, context)
        switch op {
        case .and, .or:
            left = try requireBoolean(left, leftExpression)
            right = try requireBoolean(right, rightExpression)
            return BoundExpression(.binary(op, left, right), type: .bool)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            (left, right) = try unify(left, right, at: expression, what: "'\(op.symbol)'")
            return BoundExpression(.binary(op, left, right), type: .bool)
        case .concatenate:
            for (operand, source) in [(left, leftExpression), (right, rightExpression)] where operand.type.isNested {
                throw Self.error(.typeMismatch("|| needs text, found \(operand.type)"), at: source)
            }
            return BoundExpression(.binary(op, coerce(left, to: .utf8), coerce(right, to: .utf8)), type: .utf8)
        case .add, .subtract, .multiply, .divide, .modulo:
            return try bindArithmetic(op, left, right, at: expression)
        }
    }

    private func bindArithmetic(
        _ op: BinaryOperator, _ leftInput: BoundExpression, _ rightInput: BoundExpression,
        at expression: Expression
    ) throws(SQLError) -> BoundExpression {
        var left =
            leftInput.isNullLiteral
            ? coerce(leftInput, to: rightInput.isNullLiteral ? .int64 : rightInput.type) : leftInput
        var right = rightInput.isNullLiteral ? coerce(rightInput, to: left.type) : rightInput
        // Date arithmetic: date ± days, days + date, date - date.
        switch (left.type, right.type, op) {
        case (.date32, let days, .add) where days.isSQLInteger, (.date32, let days, .subtract) where days.isSQLInteger:
            return BoundExpression(.binary(op, left, coerce(right, to: .int64)), type: .date32)
        case (let days, .date32, .add) where days.isSQLInteger:
            return BoundExpression(.binary(op, right, coerce(left, to: .int64)), type: .date32)
        case (.date32, .date32, .subtract):
            return BoundExpression(.binary(op, left, right), type: .int64)
        default: break
        }
        left = Self.adaptArithmeticLiteral(left, toward: right.type)
        right = Self.adaptArithmeticLiteral(right, toward: left.type)
        guard let types = SQLTypeRules.arithmetic(op, left.type, right.type) else {
            throw Self.error(
                .typeMismatch("'\(op.symbol)' needs numbers, found \(left.type) \(op.symbol) \(right.type)"),
                at: expression)
        }
        return BoundExpression(
            .binary(op, coerce(left, to: types.leftOperand), coerce(right, to: types.rightOperand)),
            type: types.result)
    }

    /// An integer constant next to a float becomes a float constant, next to a decimal the decimal of its digits,
    /// so `price * 2` stays in the price's kind of number.
    private static func adaptArithmeticLiteral(_ operand: BoundExpression, toward other: DataType) -> BoundExpression {
        guard case .literal(.int(let value)) = operand.kind else { return operand }
        if other.isSQLFloat { return convertLiteral(operand, to: .float64) ?? operand }
        if other.isSQLDecimal {
            let digits = max(1, String(value.magnitude).count)
            return convertLiteral(operand, to: .decimal(precision: digits, scale: 0)) ?? operand
        }
        return operand
    }

    /// `x ± INTERVAL ...` for a date (converted to a timestamp first, as in DuckDB) or a timestamp.
    private func addInterval(
        _ operand: BoundExpression, _ interval: IntervalLiteral, negated: Bool,
        at expression: Expression
    ) throws(SQLError) -> BoundExpression {
        var value = try Self.intervalValue(interval, at: expression)
        if negated {
            guard let negative = value.negated else {
                throw Self.error(.invalidLiteral(interval.text, reason: "the interval overflows"), at: expression)
            }
            value = negative
        }
        switch operand.type {
        case .timestamp:
            return BoundExpression(.addInterval(operand, value), type: operand.type)
        case .date32:
            let timestamp = DataType.timestamp(.microseconds, utc: false)
            return BoundExpression(.addInterval(coerce(operand, to: timestamp), value), type: timestamp)
        default:
            throw Self.error(
                .typeMismatch("an interval can only be added to a date or timestamp, not \(operand.type)"),
                at: expression)
        }
    }
}
