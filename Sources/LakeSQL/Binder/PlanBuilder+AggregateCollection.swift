extension PlanBuilder {
    /// Finds the aggregate calls (not windowed) in `expression`, binds them over `scope` and appends the new ones
    /// to `aggregates`. Window calls are searched inside (their arguments may aggregate: `sum(sum(x)) OVER ()`);
    /// aggregate arguments are not (nesting is reported when the call is bound).
    mutating func collectAggregates(in expression: Expression, scope: Scope, into aggregates: inout [AggregateCall])
        throws(SQLError)
    {
        if case .function(let call) = expression.kind, call.window == nil,
            functions.signature(named: call.name.name.value)?.kind == .aggregate
        {
            let aggregate = try bindAggregateCall(
                call, at: expression, ExpressionContext(scope: scope, clause: "aggregate arguments"))
            if !aggregates.contains(where: { $0.computesSame(as: aggregate) }) { aggregates.append(aggregate) }
            return
        }
        for child in expression.childExpressions {
            try collectAggregates(in: child, scope: scope, into: &aggregates)
        }
    }
}

extension Expression {
    /// The direct subexpressions, including those of a window specification; subqueries are not entered.
    var childExpressions: [Expression] {
        switch kind {
        case .literal, .column, .subquery, .exists: return []
        case .unary(_, let operand), .isNull(let operand, _), .cast(let operand, _), .tryCast(let operand, _),
            .extract(_, let operand), .inSubquery(let operand, _, _):
            return [operand]
        case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _): return [left, right]
        case .inList(let operand, let items, _): return [operand] + items
        case .between(let operand, let low, let high, _): return [operand, low, high]
        case .like(let operand, let pattern, _, _): return [operand, pattern]
        case .caseWhen(let caseExpression):
            var children = caseExpression.operand.map { [$0] } ?? []
            for branch in caseExpression.branches { children += [branch.when, branch.then] }
            if let elseResult = caseExpression.elseResult { children.append(elseResult) }
            return children
        case .function(let call):
            var children: [Expression] = []
            if case .list(let arguments) = call.arguments { children = arguments }
            if let filter = call.filter { children.append(filter) }
            if let window = call.window {
                children += window.partitionBy + window.orderBy.map(\.expression)
            }
            return children
        }
    }
}

extension AggregateCall {
    /// Equal but for the output name, which keeps the spelling of the first occurrence.
    func computesSame(as other: AggregateCall) -> Bool {
        var renamed = other
        renamed.name = name
        return self == renamed
    }
}

extension WindowCall {
    /// Equal but for the output name.
    func computesSame(as other: WindowCall) -> Bool {
        var renamed = other
        renamed.name = name
        return self == renamed
    }
}
