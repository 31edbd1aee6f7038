import LakeColumnar

extension PlanBuilder {
    /// Plans a FROM entry: a CTE or catalog table (a scan of all its columns), a subquery, a table function, or a
    /// join.
    mutating func bindTableReference(_ reference: TableReference) throws(SQLError) -> BoundRelation {
        switch reference {
        case .table(let identifier, let timeTravel, let alias):
            if case .name(let name) = identifier, name.parts.count == 1, timeTravel == nil,
                let table = commonTables.last(where: { Scope.matches(name.name, $0.name.value) })
            {
                let relation = [alias?.name ?? table.name]
                let scope = try Self.renaming(
                    table.relation.scope.renamed(relation: relation), columns: alias?.columns ?? [],
                    context: "the alias of \(table.name.value)")
                return BoundRelation(plan: table.relation.plan, scope: scope)
            }
            let resolved = try resolveTable(identifier, at: timeTravel)
            var relation: [Identifier] = []
            if let alias { relation = [alias.name] } else if case .name(let name) = identifier { relation = name.parts }
            return try scanning(resolved, relation: relation, alias: alias)
        case .derived(let query, let alias):
            let bound = try bindQuery(query)
            let scope = try Self.renaming(
                bound.scope.renamed(relation: alias.map { [$0.name] } ?? []), columns: alias?.columns ?? [],
                context: "the alias of a subquery")
            return BoundRelation(plan: bound.plan, scope: scope)
        case .function(let name, let arguments, let alias):
            var texts: [String] = []
            for argument in arguments {
                switch argument.kind {
                case .literal(.string(let text)): texts.append(text)
                case .literal(.integer(let number)): texts.append(String(number))
                default:
                    throw Self.error(.typeMismatch("table function arguments must be constants"), at: argument)
                }
            }
            let locator = TableLocator.function(name.name.value.lowercased(), arguments: texts)
            guard let resolved = try resolve(locator, at: nil, displayName: name.description, reportAt: name) else {
                throw Self.error(.unknownTable(locator.description, suggestion: nil), at: name)
            }
            return try scanning(resolved, relation: [alias?.name ?? name.name], alias: alias)
        case .join(let join):
            return try bindJoin(join)
        }
    }

    private func scanning(_ table: ResolvedTable, relation: [Identifier], alias: TableAlias?) throws(SQLError)
        -> BoundRelation
    {
        let plan = LogicalPlan.scan(
            table: table.handle, tableSchema: table.schema, columns: Array(table.schema.fields.indices), filters: [])
        let scope = try Self.renaming(
            Scope.of(table.schema, relation: relation), columns: alias?.columns ?? [],
            context: "the alias of \(table.handle.identity)")
        return BoundRelation(plan: plan, scope: scope)
    }

    /// The catalog's table for a statement's table name or path; unknown names are errors with a suggestion.
    func resolveTable(_ identifier: TableIdentifier, at timeTravel: TimeTravel?) throws(SQLError) -> ResolvedTable {
        switch identifier {
        case .name(let name):
            let locator = TableLocator.name(name.parts.map(\.value))
            if let table = try resolve(locator, at: timeTravel, displayName: name.description, reportAt: name) {
                return table
            }
            let candidates = catalog.tableNames() + commonTables.map(\.name.value)
            let suggestion = NameSuggestion.suggestion(for: name.description, among: candidates)
            throw Self.error(.unknownTable(name.description, suggestion: suggestion), at: name)
        case .path(let path):
            if let table = try resolve(.path(path), at: timeTravel, displayName: path, reportAt: nil) { return table }
            throw SQLError(.unknownTable(path, suggestion: nil), at: .start, length: 0)
        }
    }

    private func resolve(
        _ locator: TableLocator, at timeTravel: TimeTravel?, displayName: String,
        reportAt name: ObjectName?
    ) throws(SQLError) -> ResolvedTable? {
        do {
            return try catalog.resolveTable(locator, at: timeTravel)
        } catch {
            let kind = SQLError.Kind.catalogFailure(table: displayName, reason: "\(error)")
            if let name { throw Self.error(kind, at: name) }
            throw SQLError(kind, at: .start, length: 0)
        }
    }

    /// Joins: ON conditions stay whole as the residual (the optimizer extracts equi keys); USING columns become
    /// equi keys at once, and the right copy of each is reachable only qualified.
    private mutating func bindJoin(_ join: Join) throws(SQLError) -> BoundRelation {
        let left = try bindTableReference(join.left)
        let right = try bindTableReference(join.right)
        var scope = Scope(columns: left.scope.columns + right.scope.columns)
        var keys: [EquiJoinKey] = []
        var residual: BoundExpression?
        /// FULL JOIN ... USING: (left ordinal, right ordinal in the combined row, common type) per column.
        var merged: [(left: Int, right: Int, type: DataType, name: String)] = []
        switch join.condition {
        case nil:
            break
        case .on(let condition):
            let bound = try bindExpression(condition, ExpressionContext(scope: scope, clause: "JOIN conditions"))
            residual = try requireBoolean(bound, condition)
        case .using(let names):
            for name in names {
                let reference = ObjectName([name], at: name.location)
                let leftColumn = try bindColumn(reference, in: left.scope)
                let rightColumn = try bindColumn(reference, in: right.scope)
                let usingReference = Expression(.column(reference), at: name.location)
                let (leftKey, rightKey) = try unify(leftColumn, rightColumn, at: usingReference, what: "USING")
                keys.append(EquiJoinKey(left: leftKey, right: rightKey))
                guard case .column(let leftIndex) = leftColumn.kind, case .column(let index) = rightColumn.kind else {
                    continue
                }
                let rightIndex = left.scope.columns.count + index
                switch join.kind {
                case .right:
                    // The right side is preserved: an unqualified name reads the right copy.
                    scope.columns[leftIndex].isUsingDuplicate = true
                case .full:
                    scope.columns[leftIndex].isUsingDuplicate = true
                    scope.columns[rightIndex].isUsingDuplicate = true
                    merged.append((leftIndex, rightIndex, leftKey.type, scope.columns[leftIndex].name))
                default:
                    scope.columns[rightIndex].isUsingDuplicate = true
                }
            }
        }
        var plan = LogicalPlan.join(join.kind, left.plan, right.plan, equiKeys: keys, residual: residual)
        if join.kind == .semi || join.kind == .anti { scope = left.scope }
        if !merged.isEmpty {
            // FULL JOIN USING: the unqualified column is coalesce(left, right), appended after both sides.
            var items = scope.columns.enumerated().map { index, column in
                ProjectionItem(.column(index, plan.schema.fields[index].type), name: column.name)
            }
            for column in merged {
                let arguments = [column.left, column.right].map { index in
                    coerce(.column(index, plan.schema.fields[index].type), to: column.type)
                }
                items.append(
                    ProjectionItem(
                        BoundExpression(.function("coalesce", arguments), type: column.type), name: column.name))
                scope.columns.append(ScopeColumn(relation: [], name: column.name, type: column.type))
            }
            plan = .project(plan, items)
        }
        return BoundRelation(plan: plan, scope: scope)
    }
}
