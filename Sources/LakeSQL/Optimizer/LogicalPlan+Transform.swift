extension LogicalPlan {
    /// The plan rebuilt bottom-up: each node's inputs are transformed first, then the node itself.
    public func transformedUp(_ transform: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        transform(replacingInputs(inputs.map { $0.transformedUp(transform) }))
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

    /// The node with every expression it holds (not its inputs') rewritten by `transform`.
    public func mappingExpressions(_ transform: (BoundExpression) -> BoundExpression) -> LogicalPlan {
        switch self {
        case .scan(let table, let schema, let columns, let filters):
            return .scan(table: table, tableSchema: schema, columns: columns, filters: filters.map(transform))
        case .filter(let input, let predicate): return .filter(input, predicate: transform(predicate))
        case .project(let input, let items):
            return .project(input, items.map { ProjectionItem(transform($0.expression), name: $0.name) })
        case .aggregate(let input, let keys, let aggregates):
            return .aggregate(
                input, groupKeys: keys.map { ProjectionItem(transform($0.expression), name: $0.name) },
                aggregates: aggregates.map { call in
                    var copy = call
                    copy.arguments = call.arguments.map(transform)
                    copy.filter = call.filter.map(transform)
                    return copy
                })
        case .join(let kind, let left, let right, let keys, let residual):
            return .join(
                kind, left, right,
                equiKeys: keys.map { EquiJoinKey(left: transform($0.left), right: transform($0.right)) },
                residual: residual.map(transform))
        case .sort(let input, let keys):
            return .sort(
                input,
                keys.map { key in
                    var copy = key
                    copy.expression = transform(key.expression)
                    return copy
                })
        case .distinct(let input, let keys): return .distinct(input, on: keys.map(transform))
        case .window(let input, let calls):
            return .window(
                input,
                calls.map { call in
                    var copy = call
                    copy.arguments = call.arguments.map(transform)
                    copy.filter = call.filter.map(transform)
                    copy.partitionBy = call.partitionBy.map(transform)
                    copy.orderBy = call.orderBy.map { key in
                        var sortKey = key
                        sortKey.expression = transform(key.expression)
                        return sortKey
                    }
                    return copy
                })
        case .values(let rows, let schema): return .values(rows: rows.map { $0.map(transform) }, schema: schema)
        case .limit, .union: return self
        }
    }
}
