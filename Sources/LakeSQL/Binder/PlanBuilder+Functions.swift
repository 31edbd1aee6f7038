import LakeColumnar

extension PlanBuilder {
    /// Binds a scalar call, or a window call where windows are allowed; aggregates reach here only where they are
    /// not allowed (grouped clauses bind them in `bindGrouped`).
    mutating func bindFunction(_ call: FunctionCall, at expression: Expression, _ context: ExpressionContext)
        throws(SQLError) -> BoundExpression
    {
        let written = call.name.name.value
        let name = functions.canonicalName(written)
        if name == "date_part", call.window == nil { return try bindDatePart(call, at: expression, context) }
        guard let signature = functions.signature(named: written) else {
            let suggestion = NameSuggestion.suggestion(for: written, among: functions.names + ["date_part"])
            throw Self.error(.unknownFunction(call.name.description, suggestion: suggestion), at: call.name)
        }
        if call.window != nil { return try bindWindowCall(call, signature, at: expression, context) }
        switch signature.kind {
        case .aggregate:
            throw Self.error(.aggregateNotAllowed(function: name, clause: context.clause), at: call.name)
        case .window:
            throw Self.error(.typeMismatch("window function \(name) needs an OVER clause"), at: call.name)
        case .scalar:
            break
        }
        guard !call.isDistinct, call.filter == nil else {
            throw Self.error(.typeMismatch("DISTINCT and FILTER apply to aggregates, not to \(name)"), at: call.name)
        }
        let (arguments, result) = try bindArguments(call, signature, context)
        if name == "date_trunc" { return try bindDateTrunc(arguments, call, result: result) }
        return BoundExpression(.function(name, arguments), type: result)
    }

    /// Binds, counts, type-checks and converts the arguments of `call`.
    private mutating func bindArguments(
        _ call: FunctionCall, _ signature: FunctionSignature,
        _ context: ExpressionContext
    ) throws(SQLError) -> ([BoundExpression], DataType) {
        var arguments: [BoundExpression] = []
        var argumentExpressions: [Expression] = []
        switch call.arguments {
        case .star:
            guard signature.name == "count" else {
                throw Self.error(.typeMismatch("only count takes *, not \(signature.name)"), at: call.name)
            }
        case .list(let list):
            for argument in list {
                arguments.append(try bindExpression(argument, context))
                argumentExpressions.append(argument)
            }
        }
        guard signature.accepts(count: arguments.count) else {
            throw Self.error(
                .wrongArgumentCount(function: signature.name, expected: signature.arityText, found: arguments.count),
                at: call.name)
        }
        if ["coalesce", "nullif", "greatest", "least"].contains(signature.name), let first = argumentExpressions.first {
            // Constants adapt to the other arguments' type: coalesce(decimal_column, 0) stays that decimal.
            let type = try commonType(of: arguments, at: first, what: "the arguments of \(signature.name)")
            return (arguments.map { coerce($0, to: type) }, type)
        }
        switch signature.resolve(arguments.map { $0.isNullLiteral ? nil : $0.type }) {
        case .valid(let types, let result):
            return (zip(arguments, types).map { coerce($0, to: $1) }, result)
        case .mismatch(let index, let expected):
            throw Self.error(
                .typeMismatch(
                    "function \(signature.name) expects \(expected) as argument \(index + 1), "
                        + "found \(arguments[index].type)"),
                at: argumentExpressions[index])
        }
    }

    /// An aggregate call over the input of the aggregation, with arguments and FILTER bound in `context`.
    mutating func bindAggregateCall(_ call: FunctionCall, at expression: Expression, _ context: ExpressionContext)
        throws(SQLError) -> AggregateCall
    {
        guard let signature = functions.signature(named: call.name.name.value), signature.kind == .aggregate else {
            throw Self.error(.unknownFunction(call.name.description, suggestion: nil), at: call.name)
        }
        let (arguments, result) = try bindArguments(call, signature, context)
        let filter = try call.filter.map { (filterExpression) throws(SQLError) in
            try requireBoolean(bindExpression(filterExpression, context), filterExpression)
        }
        return AggregateCall(
            function: signature.name, arguments: arguments, isDistinct: call.isDistinct, filter: filter, type: result,
            name: Self.canonicalText(call, name: signature.name))
    }

    /// `OVER (...)` calls: ranking, offset and aggregate functions, collected into `windows`; the result is the
    /// column the window node appends.
    private mutating func bindWindowCall(
        _ call: FunctionCall, _ signature: FunctionSignature,
        at expression: Expression, _ context: ExpressionContext
    ) throws(SQLError) -> BoundExpression {
        guard context.allowsWindows else {
            throw Self.error(.windowNotAllowed(function: signature.name, clause: context.clause), at: call.name)
        }
        guard signature.kind != .scalar, let window = call.window else {
            throw Self.error(.typeMismatch("\(signature.name) is not a window or aggregate function"), at: call.name)
        }
        var inner = context
        inner.allowsWindows = false
        inner.clause = "window arguments"
        let (arguments, result) = try bindArguments(call, signature, inner)
        let filter = try call.filter.map { (filterExpression) throws(SQLError) in
            try requireBoolean(bindExpression(filterExpression, inner), filterExpression)
        }
        var partitionBy: [BoundExpression] = []
        for key in window.partitionBy { partitionBy.append(try bindExpression(key, inner)) }
        var orderBy: [SortKey] = []
        for item in window.orderBy { orderBy.append(try sortKey(item, bindExpression(item.expression, inner))) }
        let frame = try window.frame.map { (frame) throws(SQLError) in try bindFrame(frame, at: expression) }
        let bound = WindowCall(
            function: signature.name, arguments: arguments, isDistinct: call.isDistinct, filter: filter,
            partitionBy: partitionBy, orderBy: orderBy, frame: frame, type: result,
            name: Self.canonicalText(call, name: signature.name))
        let index: Int
        if let existing = windows.firstIndex(where: { $0.computesSame(as: bound) }) {
            index = existing
        } else {
            windows.append(bound)
            index = windows.count - 1
        }
        return .column(windowBase + index, result)
    }

    func sortKey(_ item: OrderByItem, _ expression: BoundExpression) -> SortKey {
        let descending = item.direction == .descending
        let nullsFirst: Bool? = item.nulls.map { $0 == .first }
        return SortKey(expression, isDescending: descending, nullsFirst: nullsFirst)
    }

    private func bindFrame(_ frame: WindowFrame, at expression: Expression) throws(SQLError) -> WindowCall.Frame {
        func bound(_ written: WindowFrame.Bound) throws(SQLError) -> WindowCall.FrameBound {
            switch written {
            case .unboundedPreceding: return .unboundedPreceding
            case .unboundedFollowing: return .unboundedFollowing
            case .currentRow: return .currentRow
            case .preceding(let offset), .following(let offset):
                let isPreceding: Bool
                if case .preceding = written { isPreceding = true } else { isPreceding = false }
                if case .literal(.interval(let interval)) = offset.kind {
                    guard frame.unit == .range else {
                        throw Self.error(.typeMismatch("ROWS frames count rows; an interval needs RANGE"), at: offset)
                    }
                    let value = try Self.intervalValue(interval, at: offset)
                    return isPreceding ? .precedingInterval(value) : .followingInterval(value)
                }
                let constant = try bindLiteralOffset(offset, rows: frame.unit == .rows)
                return isPreceding ? .preceding(constant) : .following(constant)
            }
        }
        let start = try bound(frame.start)
        let end = try frame.end.map { (end) throws(SQLError) in try bound(end) } ?? .currentRow
        return WindowCall.Frame(unit: frame.unit, start: start, end: end)
    }

    /// A frame offset: a non-negative integer constant for ROWS, a non-negative numeric constant for RANGE.
    private func bindLiteralOffset(_ offset: Expression, rows: Bool) throws(SQLError) -> BoundExpression {
        let bound: BoundExpression
        switch offset.kind {
        case .literal(let literal): bound = try bindLiteral(literal, at: offset)
        default: throw Self.error(.typeMismatch("a frame offset must be a constant"), at: offset)
        }
        switch bound.literalValue {
        case .int(let value)? where value >= 0: return bound
        case .decimal(let value)? where !rows && value >= 0: return bound
        case .float64(let value)? where !rows && value >= 0: return bound
        default:
            let expected = rows ? "a non-negative integer" : "a non-negative number or an interval"
            throw Self.error(.typeMismatch("a frame offset must be \(expected)"), at: offset)
        }
    }

    /// `date_part('year', ts)`: the same as `EXTRACT(year FROM ts)`.
    private mutating func bindDatePart(_ call: FunctionCall, at expression: Expression, _ context: ExpressionContext)
        throws(SQLError) -> BoundExpression
    {
        guard case .list(let arguments) = call.arguments, arguments.count == 2 else {
            let count: Int
            if case .list(let arguments) = call.arguments { count = arguments.count } else { count = 0 }
            throw Self.error(.wrongArgumentCount(function: "date_part", expected: "2", found: count), at: call.name)
        }
        guard case .literal(.string(let text)) = arguments[0].kind, let field = DateTimeField(name: text) else {
            throw Self.error(
                .typeMismatch("date_part needs a field name such as 'year' as argument 1"), at: arguments[0])
        }
        return try bindExpression(Expression(.extract(field, arguments[1]), at: expression.location), context)
    }

    /// `date_trunc('unit', x)` with the unit checked now and written canonically.
    private func bindDateTrunc(_ arguments: [BoundExpression], _ call: FunctionCall, result: DataType)
        throws(SQLError) -> BoundExpression
    {
        guard case .list(let written) = call.arguments else {
            return BoundExpression(.function("date_trunc", arguments), type: result)
        }
        guard case .literal(.string(let text))? = arguments.first?.kind, let field = DateTimeField(name: text),
            field.isIntervalUnit
        else {
            throw Self.error(
                .typeMismatch("date_trunc needs a unit such as 'hour', 'day', 'week' or 'month' as argument 1"),
                at: written[0])
        }
        let unit = BoundExpression.literal(.string(field.rawValue), .utf8)
        return BoundExpression(.function("date_trunc", [unit, arguments[1]]), type: result)
    }

    /// The call as SQL with its canonical lower-case name, for output column names: `count(*)`, `sum(v)`.
    static func canonicalText(_ call: FunctionCall, name: String) -> String {
        var canonical = call
        canonical.name = ObjectName([Identifier(name)])
        return SQLFormatter().format(Expression(.function(canonical)))
    }
}
