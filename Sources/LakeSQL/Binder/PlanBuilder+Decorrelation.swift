import LakeColumnar

extension PlanBuilder {
    /// A WHERE conjunct `[NOT] EXISTS (...)` or `x IN (...)` whose subquery is correlated only through equalities
    /// (`inner = outer`), planned as a semi join (anti join for NOT EXISTS) of `plan` with the subquery's rows on
    /// those equalities; nil when the conjunct does not have that shape, which leaves it to ordinary binding
    /// (uncorrelated subqueries become values, other correlated ones are `unsupported("correlated subquery")`).
    ///
    /// Exact for a WHERE conjunct, where false and NULL both drop the row: an outer NULL key never matches, so
    /// EXISTS drops the row and NOT EXISTS keeps it, as the subquery would return no row. `NOT IN` is not
    /// rewritten (NULLs in the subquery make it NULL, which no anti join expresses).
    ///
    /// The subquery must be a plain SELECT over a FROM list: no WITH, set operation, GROUP BY, HAVING, QUALIFY,
    /// aggregates, windows, ORDER BY, LIMIT or OFFSET. Its WHERE conjuncts that read only its own columns filter
    /// its rows; every other conjunct must be `inner = outer`, one side reading only the subquery's columns and
    /// the other only the outer query's.
    ///
    /// Spec: spec/sql.md §8.2.
    mutating func decorrelatedJoin(_ conjunct: Expression, over plan: LogicalPlan, scope outer: Scope)
        throws(SQLError) -> LogicalPlan?
    {
        let query: Query
        var kind = Join.Kind.semi
        var operand: Expression?
        switch conjunct.kind {
        case .exists(let subquery):
            query = subquery
        case .unary(.not, let inner):
            guard case .exists(let subquery) = inner.kind else { return nil }
            query = subquery
            kind = .anti
        case .inSubquery(let value, let subquery, negated: false):
            query = subquery
            operand = value
        default:
            return nil
        }
        guard let select = Self.plainSelect(query) else { return nil }
        var aggregates: [AggregateCall] = []
        outerScopes.append(outer)
        defer { outerScopes.removeLast() }

        // The subquery's rows, before its WHERE.
        guard let first = select.from.first else { return nil }
        var relation: BoundRelation
        do {
            relation = try bindTableReference(first)
            for reference in select.from.dropFirst() {
                let right = try bindTableReference(reference)
                relation = BoundRelation(
                    plan: .join(.cross, relation.plan, right.plan, equiKeys: [], residual: nil),
                    scope: Scope(columns: relation.scope.columns + right.scope.columns))
            }
        } catch {
            return nil
        }
        let inner = relation.scope
        let innerContext = ExpressionContext(scope: inner, clause: "WHERE")
        // The list does not change whether a row exists, but it must be valid and must not aggregate (an
        // aggregate makes exactly one row).
        for item in select.items {
            guard case .expression(let expression, _) = item else { continue }
            guard (try? collectAggregates(in: expression, scope: inner, into: &aggregates)) != nil,
                aggregates.isEmpty, !Self.containsWindow(expression),
                case .bound = bindAttempt(expression, innerContext)
            else { return nil }
        }

        var filters: [BoundExpression] = []
        var keys: [EquiJoinKey] = []
        if let operand {
            // `x IN (SELECT y ...)`: one more key, x = y.
            guard select.items.count == 1, case .expression(let itemExpression, _) = select.items[0],
                let key = try correlationKey(
                    outer: operand, inner: itemExpression, outerScope: outer, innerScope: inner, isWrittenInside: false)
            else { return nil }
            keys.append(key)
        }
        var isCorrelated = false
        for part in Self.conjuncts(of: select.filter) {
            switch bindAttempt(part, innerContext) {
            case .bound(let predicate):
                filters.append(try requireBoolean(predicate, part))
            case .failed:
                return nil
            case .correlated:
                guard case .binary(.equal, let left, let right) = part.kind else { return nil }
                if let key = try correlationKey(outer: right, inner: left, outerScope: outer, innerScope: inner) {
                    keys.append(key)
                } else if let key = try correlationKey(
                    outer: left, inner: right, outerScope: outer, innerScope: inner)
                {
                    keys.append(key)
                } else {
                    return nil
                }
                isCorrelated = true
            }
        }
        // An uncorrelated subquery stays a value (evaluated once by the session).
        guard isCorrelated else { return nil }
        var right = relation.plan
        if let predicate = BoundExpression.conjunction(filters) { right = .filter(right, predicate: predicate) }
        return .join(kind, plan, right, equiKeys: keys, residual: nil)
    }

    /// How binding an expression of the subquery over its own columns went.
    private enum BindAttempt {
        case bound(BoundExpression)
        /// It reads a column of an enclosing query.
        case correlated
        case failed
    }

    private mutating func bindAttempt(_ expression: Expression, _ context: ExpressionContext) -> BindAttempt {
        do {
            return .bound(try bindExpression(expression, context))
        } catch {
            return error.kind == .unsupported("correlated subquery") ? .correlated : .failed
        }
    }

    /// `outer = inner` as a join key, both sides converted to a common type; nil when `inner` reads anything but
    /// the subquery's columns, or `outer` anything but the outer query's. When `outer` is written inside the
    /// subquery, every name in it must also be unknown to the subquery, whose columns hide the outer ones.
    private mutating func correlationKey(
        outer outerExpression: Expression, inner innerExpression: Expression, outerScope: Scope, innerScope: Scope,
        isWrittenInside: Bool = true
    ) throws(SQLError) -> EquiJoinKey? {
        guard Self.isPlain(outerExpression), Self.isPlain(innerExpression) else { return nil }
        for name in Self.columnNames(in: outerExpression) where isWrittenInside {
            guard case .notFound = innerScope.lookup(name) else { return nil }
        }
        let innerContext = ExpressionContext(scope: innerScope, clause: "WHERE")
        guard case .bound(let innerSide) = bindAttempt(innerExpression, innerContext) else { return nil }
        let saved = outerScopes
        outerScopes.removeLast()
        defer { outerScopes = saved }
        let outerContext = ExpressionContext(scope: outerScope, clause: "WHERE")
        guard case .bound(let outerSide) = bindAttempt(outerExpression, outerContext) else { return nil }
        guard let (left, right) = try? unify(outerSide, innerSide, at: outerExpression, what: "a correlated '='")
        else { return nil }
        return EquiJoinKey(left: left, right: right)
    }

    /// The SELECT of a query that is one plain SELECT (see `decorrelatedJoin`), or nil.
    private static func plainSelect(_ query: Query) -> Select? {
        guard query.commonTableExpressions.isEmpty, query.orderBy.isEmpty, query.limit == nil, query.offset == nil
        else { return nil }
        switch query.body {
        case .parenthesized(let inner): return plainSelect(inner)
        case .select(let select):
            guard select.groupBy.isEmpty, select.having == nil, select.qualify == nil, select.distinctOn.isEmpty
            else { return nil }
            return select
        case .values, .setOperation: return nil
        }
    }

    /// `a AND b AND c` as `[a, b, c]`; nil as none.
    static func conjuncts(of expression: Expression?) -> [Expression] {
        guard let expression else { return [] }
        if case .binary(.and, let left, let right) = expression.kind {
            return conjuncts(of: left) + conjuncts(of: right)
        }
        return [expression]
    }

    /// Whether the expression holds no subquery, aggregate-free or not (aggregates fail to bind in WHERE).
    private static func isPlain(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .subquery, .exists, .inSubquery: return false
        default: return expression.childExpressions.allSatisfy(isPlain)
        }
    }

    private static func containsWindow(_ expression: Expression) -> Bool {
        if case .function(let call) = expression.kind, call.window != nil { return true }
        return expression.childExpressions.contains(where: containsWindow)
    }

    /// Every column name the expression mentions (outside subqueries).
    private static func columnNames(in expression: Expression) -> [ObjectName] {
        if case .column(let name) = expression.kind { return [name] }
        return expression.childExpressions.flatMap(columnNames)
    }
}
