import LakeColumnar

extension PlanBuilder {
    /// Binds a scalar expression in `context`.
    mutating func bindExpression(_ expression: Expression, _ context: ExpressionContext) throws(SQLError)
        -> BoundExpression
    {
        if !context.aliases.isEmpty, case .column(let name) = expression.kind, name.parts.count == 1,
            case .notFound = context.scope.lookup(name),
            let item = context.aliases.first(where: { Scope.matches(name.name, $0.name) })
        {
            return item.expression
        }
        if let grouping = context.grouping, let grouped = try bindGrouped(expression, context, grouping) {
            return grouped
        }
        switch expression.kind {
        case .literal(let literal):
            return try bindLiteral(literal, at: expression)
        case .column(let name):
            return try bindColumn(name, in: context.scope)
        case .unary(let op, let operandExpression):
            let operand = try bindExpression(operandExpression, context)
            switch op {
            case .not:
                if case .exists(let plan, let negated) = operand.kind {
                    return BoundExpression(.exists(plan, negated: !negated), type: .bool)
                }
                return BoundExpression(.unary(.not, try requireBoolean(operand, operandExpression)), type: .bool)
            case .plus, .negate:
                guard operand.isNullLiteral || operand.type.isSQLNumeric else {
                    throw Self.error(
                        .typeMismatch("\(op.rawValue) needs a number, found \(operand.type)"), at: expression)
                }
                if op == .plus { return operand }
                if case .literal(.int(let value)) = operand.kind, value != .min {
                    return .literal(.int(-value), operand.type)
                }
                return BoundExpression(.unary(.negate, operand), type: operand.type)
            }
        case .binary(let op, let leftExpression, let rightExpression):
            return try bindBinary(op, leftExpression, rightExpression, at: expression, context)
        case .isNull(let operandExpression, let negated):
            let operand = try bindExpression(operandExpression, context)
            return BoundExpression(.isNull(operand, negated: negated), type: .bool)
        case .isDistinctFrom(let leftExpression, let rightExpression, let negated):
            let (left, right) = try unify(
                bindExpression(leftExpression, context), bindExpression(rightExpression, context), at: expression,
                what: "IS DISTINCT FROM")
            return BoundExpression(.isDistinctFrom(left, right, negated: negated), type: .bool)
        case .inList(let operandExpression, let itemExpressions, let negated):
            var operand = try bindExpression(operandExpression, context)
            var items: [BoundExpression] = []
            for itemExpression in itemExpressions { items.append(try bindExpression(itemExpression, context)) }
            let type = try commonType(of: [operand] + items, at: expression, what: "IN")
            operand = coerce(operand, to: type)
            items = items.map { coerce($0, to: type) }
            return BoundExpression(.inList(operand, items, negated: negated), type: .bool)
        case .between(let operandExpression, let lowExpression, let highExpression, let negated):
            let values = [
                try bindExpression(operandExpression, context), try bindExpression(lowExpression, context),
                try bindExpression(highExpression, context),
            ]
            let type = try commonType(of: values, at: expression, what: "BETWEEN")
            let converted = values.map { coerce($0, to: type) }
            return BoundExpression(
                .between(converted[0], low: converted[1], high: converted[2], negated: negated), type: .bool)
        case .like(let operandExpression, let patternExpression, let caseInsensitive, let negated):
            let operand = try requireString(bindExpression(operandExpression, context), operandExpression)
            let pattern = try requireString(bindExpression(patternExpression, context), patternExpression)
            return BoundExpression(
                .like(operand, pattern: pattern, caseInsensitive: caseInsensitive, negated: negated), type: .bool)
        case .caseWhen(let caseExpression):
            return try bindCase(caseExpression, at: expression, context)
        case .cast(let operandExpression, let typeName), .tryCast(let operandExpression, let typeName):
            var isTry = false
            if case .tryCast = expression.kind { isTry = true }
            guard let target = typeName.dataType else {
                throw Self.error(.unknownType(typeName.description), at: expression)
            }
            let operand = try bindExpression(operandExpression, context)
            guard operand.isNullLiteral || SQLTypeRules.canCast(operand.type, to: target) else {
                throw Self.error(.typeMismatch("cannot convert \(operand.type) to \(target)"), at: expression)
            }
            if operand.type == target { return operand }
            if operand.literalValue != nil, let converted = Self.convertLiteral(operand, to: target) {
                return converted
            }
            return BoundExpression(.cast(operand, isTry: isTry), type: target)
        case .function(let call):
            return try bindFunction(call, at: expression, context)
        case .extract(let field, let operandExpression):
            return try bindExtract(field, bindExpression(operandExpression, context), at: expression)
        case .subquery(let query):
            let plan = try bindValueSubquery(query, at: expression, context)
            return BoundExpression(.scalarSubquery(plan), type: plan.schema.fields[0].type)
        case .inSubquery(let operandExpression, let query, let negated):
            return try bindInSubquery(operandExpression, query, negated: negated, at: expression, context)
        case .exists(let query):
            let plan = try bindSubquery(query, context)
            // Only whether a row exists matters: one constant column, at most one row.
            let probe = LogicalPlan.limit(
                .project(plan, [ProjectionItem(.literal(.bool(true), .bool), name: "exists")]), count: 1, offset: 0)
            return BoundExpression(.exists(probe, negated: false), type: .bool)
        }
    }

    /// After GROUP BY: aggregates become columns of the aggregate's output, expressions equal to a group key
    /// become the key's column, constants stay, and other columns are errors. nil: bind the node's parts.
    private mutating func bindGrouped(_ expression: Expression, _ context: ExpressionContext, _ grouping: Grouping)
        throws(SQLError) -> BoundExpression?
    {
        if case .function(let call) = expression.kind, call.window == nil,
            functions.signature(named: call.name.name.value)?.kind == .aggregate
        {
            let aggregate = try bindAggregateCall(call, at: expression, context.plain("aggregate arguments"))
            guard let index = grouping.aggregates.firstIndex(where: { $0.computesSame(as: aggregate) }) else {
                throw Self.error(.unsupported("an aggregate not collected before binding"), at: expression)
            }
            return .column(grouping.keys.count + index, aggregate.type)
        }
        if case .function(let call) = expression.kind, call.window != nil { return nil }
        if case .column(let name) = expression.kind {
            let bound = try bindColumn(name, in: context.scope)
            if let key = grouping.keys.firstIndex(of: bound) { return .column(key, bound.type) }
            throw Self.error(.nonGroupedColumn(name.description), at: expression)
        }
        guard let bound = try? bindExpression(expression, context.plain(context.clause)) else { return nil }
        if let key = grouping.keys.firstIndex(of: bound) { return .column(key, bound.type) }
        return bound.referencesColumns ? nil : bound
    }

    func bindColumn(_ name: ObjectName, in scope: Scope) throws(SQLError) -> BoundExpression {
        switch scope.lookup(name) {
        case .found(let index):
            return .column(index, scope.columns[index].type)
        case .ambiguous(let indices):
            throw Self.error(
                .ambiguousColumn(name.description, candidates: indices.map { scope.qualifiedName($0) }), at: name)
        case .notFound:
            for outer in outerScopes.reversed() {
                if case .notFound = outer.lookup(name) { continue }
                throw Self.error(.unsupported("correlated subquery"), at: name)
            }
            let qualified = name.parts.count > 1
            let written = qualified ? name.parts.suffix(2).map(\.value).joined(separator: ".") : name.name.value
            let suggestion = NameSuggestion.suggestion(
                for: written, among: scope.suggestionCandidates(qualified: qualified))
            throw Self.error(.unknownColumn(name.description, suggestion: suggestion), at: name)
        }
    }

    func requireBoolean(_ bound: BoundExpression, _ expression: Expression) throws(SQLError) -> BoundExpression {
        if bound.isNullLiteral { return .literal(.null, .bool) }
        guard bound.type == .bool else {
            throw Self.error(.typeMismatch("expected a boolean, found \(bound.type)"), at: expression)
        }
        return bound
    }

    func requireString(_ bound: BoundExpression, _ expression: Expression) throws(SQLError) -> BoundExpression {
        if bound.isNullLiteral { return .literal(.null, .utf8) }
        guard bound.type == .utf8 else {
            throw Self.error(.typeMismatch("expected a string, found \(bound.type)"), at: expression)
        }
        return bound
    }

    private mutating func bindCase(
        _ caseExpression: CaseExpression, at expression: Expression,
        _ context: ExpressionContext
    ) throws(SQLError) -> BoundExpression {
        var conditions: [BoundExpression] = []
        var results: [BoundExpression] = []
        let operand = try caseExpression.operand.map { (operandExpression) throws(SQLError) in
            try bindExpression(operandExpression, context)
        }
        for branch in caseExpression.branches {
            let when = try bindExpression(branch.when, context)
            if let operand {
                let (left, right) = try unify(operand, when, at: branch.when, what: "CASE")
                conditions.append(BoundExpression(.binary(.equal, left, right), type: .bool))
            } else {
                conditions.append(try requireBoolean(when, branch.when))
            }
            results.append(try bindExpression(branch.then, context))
        }
        let elseResult = try caseExpression.elseResult.map { (elseExpression) throws(SQLError) in
            try bindExpression(elseExpression, context)
        }
        let type = try commonType(of: results + (elseResult.map { [$0] } ?? []), at: expression, what: "CASE results")
        let branches = zip(conditions, results).map { BoundCaseBranch(condition: $0, result: coerce($1, to: type)) }
        return BoundExpression(.caseWhen(branches, elseResult: elseResult.map { coerce($0, to: type) }), type: type)
    }

    private func bindExtract(_ field: DateTimeField, _ operand: BoundExpression, at expression: Expression)
        throws(SQLError) -> BoundExpression
    {
        switch operand.type {
        case .date32, .timestamp, .time: break
        default:
            guard operand.isNullLiteral else {
                throw Self.error(
                    .typeMismatch("EXTRACT needs a date, time or timestamp, found \(operand.type)"), at: expression)
            }
        }
        return BoundExpression(.extract(field, operand), type: field == .epoch ? .float64 : .int64)
    }
}

extension BoundExpression {
    /// Whether any column reference occurs in the expression.
    var referencesColumns: Bool {
        var found = false
        visit { if case .column = $0.kind { found = true } }
        return found
    }

    /// Calls `body` on this expression and every subexpression, parents first.
    func visit(_ body: (BoundExpression) -> Void) {
        body(self)
        for child in children { child.visit(body) }
    }

    /// The direct subexpressions.
    var children: [BoundExpression] {
        switch kind {
        case .column, .literal: []
        case .unary(_, let operand), .isNull(let operand, _), .cast(let operand, _), .extract(_, let operand),
            .addInterval(let operand, _):
            [operand]
        case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _): [left, right]
        case .inList(let operand, let items, _): [operand] + items
        case .between(let operand, let low, let high, _): [operand, low, high]
        case .like(let operand, let pattern, _, _): [operand, pattern]
        case .caseWhen(let branches, let elseResult):
            branches.flatMap { [$0.condition, $0.result] } + (elseResult.map { [$0] } ?? [])
        case .function(_, let arguments): arguments
        case .inSubquery(let operand, _, _): [operand]
        case .scalarSubquery, .exists: []
        }
    }
}
