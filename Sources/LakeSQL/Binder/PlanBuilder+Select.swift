import LakeColumnar

extension PlanBuilder {
    /// Plans one SELECT in SQL's order of evaluation: FROM, WHERE, GROUP BY and aggregates, HAVING, windows,
    /// QUALIFY, the SELECT list (plus hidden columns for ORDER BY and DISTINCT ON keys not in it), DISTINCT,
    /// ORDER BY, LIMIT/OFFSET, and a last projection dropping hidden columns.
    mutating func bindSelect(_ select: Select, orderBy: [OrderByItem], limit: Expression?, offset: Expression?)
        throws(SQLError) -> BoundRelation
    {
        let savedWindows = (windows, windowBase)
        defer { (windows, windowBase) = savedWindows }

        var plan: LogicalPlan
        var inputScope: Scope
        if select.from.isEmpty {
            plan = .values(rows: [[]], schema: Schema([]))
            inputScope = Scope(columns: [])
        } else {
            var relation = try bindTableReference(select.from[0])
            for reference in select.from.dropFirst() {
                let right = try bindTableReference(reference)
                relation = BoundRelation(
                    plan: .join(.cross, relation.plan, right.plan, equiKeys: [], residual: nil),
                    scope: Scope(columns: relation.scope.columns + right.scope.columns))
            }
            plan = relation.plan
            inputScope = relation.scope
        }
        if let filter = select.filter {
            // Conjuncts with a subquery correlated by equalities become semi and anti joins.
            var conjuncts: [Expression] = []
            var joined = plan
            for conjunct in Self.conjuncts(of: filter) {
                if let join = try? decorrelatedJoin(conjunct, over: joined, scope: inputScope) {
                    joined = join
                } else {
                    conjuncts.append(conjunct)
                }
            }
            if joined == plan {
                let predicate = try bindExpression(filter, ExpressionContext(scope: inputScope, clause: "WHERE"))
                plan = .filter(plan, predicate: try requireBoolean(predicate, filter))
            } else {
                plan = joined
                var predicates: [BoundExpression] = []
                for conjunct in conjuncts {
                    let predicate = try bindExpression(conjunct, ExpressionContext(scope: inputScope, clause: "WHERE"))
                    predicates.append(try requireBoolean(predicate, conjunct))
                }
                if let predicate = BoundExpression.conjunction(predicates) {
                    plan = .filter(plan, predicate: predicate)
                }
            }
        }

        // Aggregates anywhere after GROUP BY, collected first so their output positions are known.
        var aggregates: [AggregateCall] = []
        for item in select.items {
            if case .expression(let expression, _) = item {
                try collectAggregates(in: expression, scope: inputScope, into: &aggregates)
            }
        }
        for expression in [select.having, select.qualify].compactMap({ $0 }) + orderBy.map(\.expression)
            + select.distinctOn
        {
            try collectAggregates(in: expression, scope: inputScope, into: &aggregates)
        }
        var grouping: Grouping?
        if !select.groupBy.isEmpty || !aggregates.isEmpty || select.having != nil {
            var keys: [ProjectionItem] = []
            for key in select.groupBy {
                let item = try bindGroupKey(key, select: select, scope: inputScope)
                if !keys.contains(where: { $0.expression == item.expression }) { keys.append(item) }
            }
            plan = .aggregate(plan, groupKeys: keys, aggregates: aggregates)
            grouping = Grouping(keys: keys.map(\.expression), aggregates: aggregates)
            windowBase = keys.count + aggregates.count
        } else {
            windowBase = inputScope.columns.count
        }
        windows = []
        let context = ExpressionContext(scope: inputScope, clause: "SELECT", grouping: grouping, allowsWindows: true)

        var having: BoundExpression?
        if let expression = select.having {
            var havingContext = context
            havingContext.clause = "HAVING"
            havingContext.allowsWindows = false
            having = try requireBoolean(bindExpression(expression, havingContext), expression)
        }
        var items = try bindSelectItems(select.items, context)
        var qualify: BoundExpression?
        if let expression = select.qualify {
            var qualifyContext = context
            qualifyContext.clause = "QUALIFY"
            qualifyContext.aliases = items
            qualify = try requireBoolean(bindExpression(expression, qualifyContext), expression)
        }
        let visibleCount = items.count
        var orderContext = context
        orderContext.clause = "ORDER BY"
        var sortKeys: [SortKey] = []
        for item in orderBy {
            let index = try outputColumn(for: item.expression, items: &items, visibleCount: visibleCount, orderContext)
            sortKeys.append(sortKey(item, .column(index, items[index].expression.type)))
        }
        var distinctKeys: [BoundExpression] = []
        orderContext.clause = "DISTINCT ON"
        for expression in select.distinctOn {
            let index = try outputColumn(for: expression, items: &items, visibleCount: visibleCount, orderContext)
            distinctKeys.append(.column(index, items[index].expression.type))
        }

        if let having { plan = .filter(plan, predicate: having) }
        if !windows.isEmpty { plan = .window(plan, windows) }
        if let qualify { plan = .filter(plan, predicate: qualify) }
        plan = .project(plan, items)
        if select.isDistinct {
            if distinctKeys.isEmpty {
                guard items.count == visibleCount else {
                    throw SQLError(
                        .unsupported("ORDER BY of an expression not in the SELECT list of a SELECT DISTINCT"),
                        at: orderBy.first?.expression.location ?? .start, length: 0)
                }
                plan = .distinct(plan, on: [])
                if !sortKeys.isEmpty { plan = .sort(plan, sortKeys) }
            } else {
                if !sortKeys.isEmpty { plan = .sort(plan, sortKeys) }
                plan = .distinct(plan, on: distinctKeys)
            }
        } else if !sortKeys.isEmpty {
            plan = .sort(plan, sortKeys)
        }
        plan = try applyLimit(plan, limit: limit, offset: offset)
        if items.count > visibleCount {
            plan = .project(
                plan,
                items.prefix(visibleCount).enumerated().map {
                    ProjectionItem(.column($0.offset, $0.element.expression.type), name: $0.element.name)
                })
        }
        let scope = Scope(
            columns: items.prefix(visibleCount).map {
                ScopeColumn(relation: [], name: $0.name, type: $0.expression.type)
            })
        return BoundRelation(plan: plan, scope: scope)
    }

    /// The SELECT list with `*` and `t.*` expanded.
    private mutating func bindSelectItems(_ selectItems: [SelectItem], _ context: ExpressionContext)
        throws(SQLError) -> [ProjectionItem]
    {
        var items: [ProjectionItem] = []
        let scope = context.scope
        func expand(_ indices: [Int]) throws(SQLError) {
            for index in indices {
                let column = scope.columns[index]
                var bound = BoundExpression.column(index, column.type)
                if let grouping = context.grouping {
                    guard let key = grouping.keys.firstIndex(of: bound) else {
                        throw SQLError(.nonGroupedColumn(scope.qualifiedName(index)), at: .start, length: 1)
                    }
                    bound = .column(key, column.type)
                }
                items.append(ProjectionItem(bound, name: column.name))
            }
        }
        for item in selectItems {
            switch item {
            case .wildcard:
                try expand(scope.columns.indices.filter { !scope.columns[$0].isUsingDuplicate })
            case .qualifiedWildcard(let name):
                let indices = scope.columns.indices.filter { Scope.qualifies(name.parts, scope.columns[$0].relation) }
                guard !indices.isEmpty else {
                    throw Self.error(.unknownTable(name.description, suggestion: nil), at: name)
                }
                try expand(indices)
            case .expression(let expression, let alias):
                let bound = try bindExpression(expression, context)
                items.append(ProjectionItem(bound, name: alias?.value ?? Self.displayName(expression)))
            }
        }
        return items
    }

    /// A GROUP BY key: an ordinal or alias of the SELECT list, or an expression over the input.
    private mutating func bindGroupKey(_ key: Expression, select: Select, scope: Scope) throws(SQLError)
        -> ProjectionItem
    {
        let context = ExpressionContext(scope: scope, clause: "GROUP BY")
        var target = key
        var name = Self.displayName(key)
        if let ordinal = try outputOrdinal(key, count: select.items.count) {
            guard case .expression(let expression, let alias) = select.items[ordinal] else {
                throw Self.error(.unsupported("GROUP BY the position of a *"), at: key)
            }
            target = expression
            name = alias?.value ?? Self.displayName(expression)
        } else if case .column(let columnName) = key.kind, columnName.parts.count == 1,
            case .notFound = scope.lookup(columnName)
        {
            for case .expression(let expression, let alias?) in select.items
            where Scope.matches(columnName.name, alias.value) {
                target = expression
                name = alias.value
                break
            }
        }
        return ProjectionItem(try bindExpression(target, context), name: name)
    }

    /// The output position an ORDER BY or DISTINCT ON key refers to: an ordinal, an output name, an expression
    /// equal to an item, or else a hidden item appended to `items`.
    private mutating func outputColumn(
        for expression: Expression, items: inout [ProjectionItem], visibleCount: Int, _ context: ExpressionContext
    ) throws(SQLError) -> Int {
        if let ordinal = try outputOrdinal(expression, count: visibleCount) { return ordinal }
        if case .column(let name) = expression.kind, name.parts.count == 1 {
            let matches = items.prefix(visibleCount).indices.filter { Scope.matches(name.name, items[$0].name) }
            let inputMatch = context.scope.lookup(name)
            if matches.count == 1 { return matches[0] }
            if matches.count > 1, case .notFound = inputMatch {
                throw Self.error(
                    .ambiguousColumn(name.description, candidates: matches.map { items[$0].name }), at: name)
            }
        }
        let bound = try bindExpression(expression, context)
        if let index = items.firstIndex(where: { $0.expression == bound }) { return index }
        items.append(ProjectionItem(bound, name: Self.displayName(expression)))
        return items.count - 1
    }
}
