extension LogicalPlan {
    /// The plan rebuilt bottom-up: each node's inputs are transformed first, then the node itself.
    ///
    /// The plans of subqueries inside expressions are not visited (see `mappingSubqueryPlans`).
    public func transformedUp(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> LogicalPlan {
        try transform(replacingInputs(inputs.map { try $0.transformedUp(transform) }))
    }

    /// The same node over new inputs (as many as `inputs`, in order).
    public func replacingInputs(_ newInputs: [LogicalPlan]) -> LogicalPlan {
        precondition(newInputs.count == inputs.count, "a node keeps its number of inputs")
        switch self {
        case .scan, .values: return self
        case .filter(_, let predicate): return .filter(newInputs[0], predicate: predicate)
        case .project(_, let items): return .project(newInputs[0], items)
        case .aggregate(_, let keys, let aggregates):
            return .aggregate(newInputs[0], groupKeys: keys, aggregates: aggregates)
        case .sort(_, let keys): return .sort(newInputs[0], keys)
        case .limit(_, let count, let offset): return .limit(newInputs[0], count: count, offset: offset)
        case .distinct(_, let keys): return .distinct(newInputs[0], on: keys)
        case .window(_, let calls): return .window(newInputs[0], calls)
        case .join(let kind, _, _, let keys, let residual):
            return .join(kind, newInputs[0], newInputs[1], equiKeys: keys, residual: residual)
        case .union(_, _, let isAll): return .union(newInputs[0], newInputs[1], isAll: isAll)
        }
    }

    /// The node with every expression it holds (not its inputs') rewritten by `transform`: scan filters,
    /// predicates, projection items, group keys, aggregate and window arguments and filters, join keys and
    /// residuals, sort and DISTINCT ON keys, window partitions, orders and frame offsets, and VALUES rows.
    public func mappingExpressions(_ transform: (BoundExpression) throws -> BoundExpression) rethrows -> LogicalPlan {
        func sortKeys(_ keys: [SortKey]) throws -> [SortKey] {
            try keys.map { key in
                var copy = key
                copy.expression = try transform(key.expression)
                return copy
            }
        }
        func frameBound(_ bound: WindowCall.FrameBound) throws -> WindowCall.FrameBound {
            switch bound {
            case .preceding(let offset): .preceding(try transform(offset))
            case .following(let offset): .following(try transform(offset))
            default: bound
            }
        }
        switch self {
        case .scan(let table, let schema, let columns, let filters):
            return .scan(table: table, tableSchema: schema, columns: columns, filters: try filters.map(transform))
        case .filter(let input, let predicate): return .filter(input, predicate: try transform(predicate))
        case .project(let input, let items):
            return .project(input, try items.map { ProjectionItem(try transform($0.expression), name: $0.name) })
        case .aggregate(let input, let keys, let aggregates):
            return .aggregate(
                input, groupKeys: try keys.map { ProjectionItem(try transform($0.expression), name: $0.name) },
                aggregates: try aggregates.map { call in
                    var copy = call
                    copy.arguments = try call.arguments.map(transform)
                    copy.filter = try call.filter.map(transform)
                    return copy
                })
        case .join(let kind, let left, let right, let keys, let residual):
            return .join(
                kind, left, right,
                equiKeys: try keys.map { EquiJoinKey(left: try transform($0.left), right: try transform($0.right)) },
                residual: try residual.map(transform))
        case .sort(let input, let keys): return .sort(input, try sortKeys(keys))
        case .distinct(let input, let keys): return .distinct(input, on: try keys.map(transform))
        case .window(let input, let calls):
            return .window(
                input,
                try calls.map { call in
                    var copy = call
                    copy.arguments = try call.arguments.map(transform)
                    copy.filter = try call.filter.map(transform)
                    copy.partitionBy = try call.partitionBy.map(transform)
                    copy.orderBy = try sortKeys(call.orderBy)
                    if let frame = call.frame {
                        copy.frame = WindowCall.Frame(
                            unit: frame.unit, start: try frameBound(frame.start), end: try frameBound(frame.end))
                    }
                    return copy
                })
        case .values(let rows, let schema):
            return .values(rows: try rows.map { try $0.map(transform) }, schema: schema)
        case .limit, .union: return self
        }
    }

    /// The plan with the plan of every subquery used as a value, in any node's expressions, replaced by
    /// `transform`'s answer; `transform` decides whether to descend into those plans' own subqueries.
    public func mappingSubqueryPlans(_ transform: (LogicalPlan) throws -> LogicalPlan) rethrows -> LogicalPlan {
        try transformedUp { node in try node.mappingExpressions { try $0.mappingSubqueryPlans(transform) } }
    }

    /// The expressions this node holds (not its inputs'), in the order `mappingExpressions` visits them.
    public var expressions: [BoundExpression] {
        var collected: [BoundExpression] = []
        _ = mappingExpressions { expression in
            collected.append(expression)
            return expression
        }
        return collected
    }

    /// Whether the expressions of this node or of any node below it hold a subquery used as a value.
    public var containsSubquery: Bool {
        expressions.contains(where: \.containsSubquery) || inputs.contains(where: \.containsSubquery)
    }
}
