extension BoundExpression {
    /// The expression with every subexpression replaced bottom-up by `transform`'s answer (nil keeps it).
    ///
    /// The plans of subqueries are not entered: their expressions are over the subquery's own inputs (see
    /// `mappingSubqueryPlans`). The operand of `x IN (SELECT ...)` is a subexpression like any other.
    public func rewritten(_ transform: (BoundExpression) throws -> BoundExpression?) rethrows -> BoundExpression {
        var copy = self
        switch kind {
        case .column, .literal: break
        case .unary(let op, let operand): copy.kind = try .unary(op, operand.rewritten(transform))
        case .binary(let op, let left, let right):
            copy.kind = try .binary(op, left.rewritten(transform), right.rewritten(transform))
        case .isNull(let operand, let negated): copy.kind = try .isNull(operand.rewritten(transform), negated: negated)
        case .isDistinctFrom(let left, let right, let negated):
            copy.kind = try .isDistinctFrom(left.rewritten(transform), right.rewritten(transform), negated: negated)
        case .inList(let operand, let items, let negated):
            copy.kind = try .inList(
                operand.rewritten(transform), items.map { try $0.rewritten(transform) }, negated: negated)
        case .between(let operand, let low, let high, let negated):
            copy.kind = try .between(
                operand.rewritten(transform), low: low.rewritten(transform), high: high.rewritten(transform),
                negated: negated)
        case .like(let operand, let pattern, let caseInsensitive, let negated):
            copy.kind = try .like(
                operand.rewritten(transform), pattern: pattern.rewritten(transform), caseInsensitive: caseInsensitive,
                negated: negated)
        case .caseWhen(let branches, let elseResult):
            copy.kind = try .caseWhen(
                try branches.map {
                    BoundCaseBranch(
                        condition: try $0.condition.rewritten(transform), result: try $0.result.rewritten(transform))
                }, elseResult: elseResult?.rewritten(transform))
        case .cast(let operand, let isTry): copy.kind = try .cast(operand.rewritten(transform), isTry: isTry)
        case .function(let name, let arguments):
            copy.kind = try .function(name, arguments.map { try $0.rewritten(transform) })
        case .extract(let field, let operand): copy.kind = try .extract(field, operand.rewritten(transform))
        case .addInterval(let operand, let interval):
            copy.kind = try .addInterval(operand.rewritten(transform), interval)
        case .scalarSubquery, .exists: break
        case .inSubquery(let operand, let plan, let negated):
            copy.kind = try .inSubquery(operand.rewritten(transform), plan, negated: negated)
        }
        return try transform(copy) ?? copy
    }

    /// The expression with the plan of every subquery in it (not inside those plans) replaced by `transform`'s
    /// answer; `transform` decides whether to descend into the plan's own subqueries.
    public func mappingSubqueryPlans(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> BoundExpression {
        try rewritten { node in
            switch node.kind {
            case .scalarSubquery(let plan):
                return BoundExpression(.scalarSubquery(try transform(plan)), type: node.type)
            case .inSubquery(let operand, let plan, let negated):
                return BoundExpression(.inSubquery(operand, try transform(plan), negated: negated), type: node.type)
            case .exists(let plan, let negated):
                return BoundExpression(.exists(try transform(plan), negated: negated), type: node.type)
            default: return nil
            }
        }
    }

    /// The plans of the subqueries in the expression (not those nested inside them), parents first, left to
    /// right.
    public var subqueryPlans: [LogicalPlan] {
        var plans: [LogicalPlan] = []
        visit { node in
            switch node.kind {
            case .scalarSubquery(let plan), .inSubquery(_, let plan, _), .exists(let plan, _): plans.append(plan)
            default: break
            }
        }
        return plans
    }

    /// The expression with column ordinals mapped by `transform`.
    public func mappingColumns(_ transform: (Int) -> Int) -> BoundExpression {
        rewritten { expression in
            if case .column(let index) = expression.kind { return .column(transform(index), expression.type) }
            return nil
        }
    }

    /// The ordinals of the columns the expression reads.
    public var referencedColumns: Set<Int> {
        var columns = Set<Int>()
        visit { if case .column(let index) = $0.kind { columns.insert(index) } }
        return columns
    }

    /// `a AND b AND c` as `[a, b, c]`; any other expression as itself.
    public var conjuncts: [BoundExpression] {
        if case .binary(.and, let left, let right) = kind { return left.conjuncts + right.conjuncts }
        return [self]
    }

    /// The conjunction of `predicates` (nil when empty), left-deep.
    public static func conjunction(_ predicates: [BoundExpression]) -> BoundExpression? {
        guard var result = predicates.first else { return nil }
        for predicate in predicates.dropFirst() {
            result = BoundExpression(.binary(.and, result, predicate), type: .bool)
        }
        return result
    }
}
