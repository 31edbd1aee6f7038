extension BoundExpression {
    /// The expression with every subexpression replaced bottom-up by `transform`'s answer (nil keeps it).
    public func rewritten(_ transform: (BoundExpression) -> BoundExpression?) -> BoundExpression {
        var copy = self
        switch kind {
        case .column, .literal: break
        case .unary(let op, let operand): copy.kind = .unary(op, operand.rewritten(transform))
        case .binary(let op, let left, let right):
            copy.kind = .binary(op, left.rewritten(transform), right.rewritten(transform))
        case .isNull(let operand, let negated): copy.kind = .isNull(operand.rewritten(transform), negated: negated)
        case .isDistinctFrom(let left, let right, let negated):
            copy.kind = .isDistinctFrom(left.rewritten(transform), right.rewritten(transform), negated: negated)
        case .inList(let operand, let items, let negated):
            copy.kind = .inList(operand.rewritten(transform), items.map { $0.rewritten(transform) }, negated: negated)
        case .between(let operand, let low, let high, let negated):
            copy.kind = .between(
                operand.rewritten(transform), low: low.rewritten(transform), high: high.rewritten(transform),
                negated: negated)
        case .like(let operand, let pattern, let caseInsensitive, let negated):
            copy.kind = .like(
                operand.rewritten(transform), pattern: pattern.rewritten(transform), caseInsensitive: caseInsensitive,
                negated: negated)
        case .caseWhen(let branches, let elseResult):
            copy.kind = .caseWhen(
                branches.map {
                    BoundCaseBranch(
                        condition: $0.condition.rewritten(transform), result: $0.result.rewritten(transform))
                }, elseResult: elseResult?.rewritten(transform))
        case .cast(let operand, let isTry): copy.kind = .cast(operand.rewritten(transform), isTry: isTry)
        case .function(let name, let arguments): copy.kind = .function(name, arguments.map { $0.rewritten(transform) })
        case .extract(let field, let operand): copy.kind = .extract(field, operand.rewritten(transform))
        case .addInterval(let operand, let interval): copy.kind = .addInterval(operand.rewritten(transform), interval)
        }
        return transform(copy) ?? copy
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
