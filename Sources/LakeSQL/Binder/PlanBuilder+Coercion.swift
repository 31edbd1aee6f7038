import LakeColumnar

extension PlanBuilder {
    /// `expression` as a value of `type`: literals are converted now, other expressions get a cast.
    func coerce(_ expression: BoundExpression, to type: DataType) -> BoundExpression {
        if expression.type == type { return expression }
        if let converted = Self.convertLiteral(expression, to: type) { return converted }
        return BoundExpression(.cast(expression, isTry: false), type: type)
    }

    /// Both operands converted to one type for comparison. A constant adapts to the other side when it fits it
    /// exactly (`int32_column = 5` compares int32, `day >= '2024-01-01'` compares dates); otherwise the common
    /// type of `SQLTypeRules` applies.
    func unify(_ left: BoundExpression, _ right: BoundExpression, at expression: Expression, what: String)
        throws(SQLError) -> (BoundExpression, BoundExpression)
    {
        if left.isNullLiteral { return (coerce(left, to: right.type), right) }
        if right.isNullLiteral { return (left, coerce(right, to: left.type)) }
        if left.literalValue != nil, !right.type.isNested, let adapted = Self.adaptLiteral(left, to: right.type) {
            return (adapted, right)
        }
        if right.literalValue != nil, !left.type.isNested, let adapted = Self.adaptLiteral(right, to: left.type) {
            return (left, adapted)
        }
        guard let type = SQLTypeRules.commonType(left.type, right.type), !type.isNested else {
            throw Self.error(
                .typeMismatch("cannot compare \(left.type) with \(right.type) in \(what)"), at: expression)
        }
        return (coerce(left, to: type), coerce(right, to: type))
    }

    /// A literal converted to the type of the other operand when that loses nothing: numbers into wider numeric
    /// types they fit, strings into dates and timestamps they spell.
    static func adaptLiteral(_ literal: BoundExpression, to type: DataType) -> BoundExpression? {
        let source = literal.type
        let fits =
            (source.isSQLNumeric && type.isSQLNumeric) || (source == .utf8 && type.isSQLTemporal)
            || (source == .date32 && type.isSQLTimestamp)
        guard fits, !(source.isSQLFloat && !type.isSQLFloat) else { return nil }
        return convertLiteral(literal, to: type)
    }

    /// The common type of several values: first of the non-constant ones, then constants that do not adapt to
    /// it (NULL literals take the result; all NULL gives int64), or a type mismatch.
    func commonType(of values: [BoundExpression], at expression: Expression, what: String) throws(SQLError)
        -> DataType
    {
        var result: DataType?
        let ordered = values.filter { $0.literalValue == nil } + values.filter { $0.literalValue != nil }
        for value in ordered where !value.isNullLiteral {
            guard let current = result else {
                result = value.type
                continue
            }
            if value.literalValue != nil, Self.adaptLiteral(value, to: current) != nil { continue }
            guard let merged = SQLTypeRules.commonType(current, value.type), !merged.isNested else {
                throw Self.error(.typeMismatch("\(what) mixes \(current) and \(value.type)"), at: expression)
            }
            result = merged
        }
        return result ?? .int64
    }
}
