import LakeColumnar

extension PlanBuilder {
    /// Binds a query: its CTEs (visible to later CTEs and the body), the body, then ORDER BY, LIMIT and OFFSET.
    mutating func bindQuery(_ query: Query) throws(SQLError) -> BoundRelation {
        let savedTables = commonTables
        defer { commonTables = savedTables }
        if query.isRecursive {
            throw SQLError(.unsupported("WITH RECURSIVE"), at: .start, length: 0)
        }
        for table in query.commonTableExpressions {
            var relation = try bindQuery(table.query)
            relation.scope = try Self.renaming(
                relation.scope, columns: table.columns, context: "the column list of \(table.name.value)")
            relation.scope = relation.scope.renamed(relation: [table.name])
            commonTables.append((table.name, relation))
        }
        if case .select(let select) = query.body {
            return try bindSelect(select, orderBy: query.orderBy, limit: query.limit, offset: query.offset)
        }
        var relation = try bindBody(query.body)
        if !query.orderBy.isEmpty {
            var keys: [SortKey] = []
            let context = ExpressionContext(scope: relation.scope, clause: "ORDER BY")
            for item in query.orderBy {
                if let index = try outputOrdinal(item.expression, count: relation.scope.columns.count) {
                    keys.append(sortKey(item, .column(index, relation.scope.columns[index].type)))
                } else {
                    keys.append(sortKey(item, try bindExpression(item.expression, context)))
                }
            }
            relation.plan = .sort(relation.plan, keys)
        }
        relation.plan = try applyLimit(relation.plan, limit: query.limit, offset: query.offset)
        return relation
    }

    /// A SELECT, VALUES, UNION or parenthesized query without the enclosing query's ORDER BY.
    mutating func bindBody(_ body: QueryBody) throws(SQLError) -> BoundRelation {
        switch body {
        case .select(let select):
            return try bindSelect(select, orderBy: [], limit: nil, offset: nil)
        case .parenthesized(let query):
            return try bindQuery(query)
        case .values(let rows):
            return try bindValues(rows)
        case .setOperation(let operation):
            guard operation.op == .union else {
                throw SQLError(.unsupported(operation.op.rawValue), at: .start, length: 0)
            }
            var left = try bindBody(operation.left)
            var right = try bindBody(operation.right)
            let leftColumns = left.scope.columns
            let rightColumns = right.scope.columns
            guard leftColumns.count == rightColumns.count else {
                throw SQLError(
                    .columnCountMismatch(expected: leftColumns.count, found: rightColumns.count, context: "UNION"),
                    at: .start, length: 0)
            }
            var types: [DataType] = []
            for (index, (leftColumn, rightColumn)) in zip(leftColumns, rightColumns).enumerated() {
                guard let type = SQLTypeRules.commonType(leftColumn.type, rightColumn.type) else {
                    throw SQLError(
                        .typeMismatch(
                            "UNION column \(index + 1) mixes \(leftColumn.type) and \(rightColumn.type)"),
                        at: .start, length: 0)
                }
                types.append(type)
            }
            left = converting(left, to: types)
            right = converting(right, to: types)
            let scope = Scope(
                columns: zip(leftColumns, types).map { ScopeColumn(relation: [], name: $0.name, type: $1) })
            return BoundRelation(plan: .union(left.plan, right.plan, isAll: operation.isAll), scope: scope)
        }
    }

    /// The relation with a projection converting its columns to `types`, when any differs.
    private func converting(_ relation: BoundRelation, to types: [DataType]) -> BoundRelation {
        let columns = relation.scope.columns
        guard zip(columns, types).contains(where: { $0.type != $1 }) else { return relation }
        let items = zip(columns, types).enumerated().map { index, pair in
            ProjectionItem(coerce(.column(index, pair.0.type), to: pair.1), name: pair.0.name)
        }
        var scope = relation.scope
        for index in scope.columns.indices { scope.columns[index].type = types[index] }
        return BoundRelation(plan: .project(relation.plan, items), scope: scope)
    }

    private mutating func bindValues(_ rows: [[Expression]]) throws(SQLError) -> BoundRelation {
        let context = ExpressionContext(scope: Scope(columns: []), clause: "VALUES")
        var bound: [[BoundExpression]] = []
        for row in rows {
            var values: [BoundExpression] = []
            for expression in row { values.append(try bindExpression(expression, context)) }
            bound.append(values)
        }
        let width = bound.first?.count ?? 0
        var fields: [Field] = []
        for column in 0..<width {
            let values = bound.map { $0[column] }
            let type = try commonType(of: values, at: rows[0][column], what: "VALUES column \(column + 1)")
            fields.append(Field("column\(column + 1)", type, nullable: values.contains { $0.isNullLiteral }))
            for row in bound.indices { bound[row][column] = coerce(bound[row][column], to: type) }
        }
        let schema = Schema(fields)
        return BoundRelation(plan: .values(rows: bound, schema: schema), scope: Scope.of(schema, relation: []))
    }

    /// `ORDER BY 2` / `GROUP BY 2`: the 0-based output position, nil when the expression is not an integer
    /// literal, an error when out of range.
    func outputOrdinal(_ expression: Expression, count: Int) throws(SQLError) -> Int? {
        guard case .literal(.integer(let ordinal)) = expression.kind else { return nil }
        guard ordinal >= 1, ordinal <= count else {
            throw Self.error(.ordinalOutOfRange(Int(clamping: ordinal), count: count), at: expression)
        }
        return Int(ordinal) - 1
    }

    /// Wraps `plan` in a limit node when LIMIT or OFFSET is given; both must be non-negative integer constants.
    func applyLimit(_ plan: LogicalPlan, limit: Expression?, offset: Expression?) throws(SQLError) -> LogicalPlan {
        guard limit != nil || offset != nil else { return plan }
        func constant(_ expression: Expression?, _ clause: String) throws(SQLError) -> Int64? {
            guard let expression else { return nil }
            var value: Int64?
            switch expression.kind {
            case .literal(.integer(let number)): value = number
            case .literal(.null): return nil
            default: value = nil
            }
            guard let value, value >= 0 else {
                throw Self.error(.typeMismatch("\(clause) needs a non-negative integer constant"), at: expression)
            }
            return value
        }
        return .limit(plan, count: try constant(limit, "LIMIT"), offset: try constant(offset, "OFFSET") ?? 0)
    }

    /// The scope with its first columns renamed by an alias list (`AS v(a, b)`); more names than columns is an
    /// error.
    static func renaming(_ scope: Scope, columns: [Identifier], context: String) throws(SQLError) -> Scope {
        guard !columns.isEmpty else { return scope }
        guard columns.count <= scope.columns.count else {
            throw SQLError(
                .columnCountMismatch(expected: scope.columns.count, found: columns.count, context: context),
                at: .start, length: 0)
        }
        var renamed = scope
        for (index, name) in columns.enumerated() { renamed.columns[index].name = name.value }
        return renamed
    }
}
