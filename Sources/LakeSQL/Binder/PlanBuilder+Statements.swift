import LakeColumnar

extension PlanBuilder {
    mutating func bindStatement(_ statement: Statement) throws(SQLError) -> BoundStatement {
        switch statement {
        case .query(let query):
            return .query(try bindQuery(query).plan)
        case .explain(let inner):
            return .explain(try bindStatement(inner))
        case .describe(let table):
            return .describe(try resolveTable(table, at: nil))
        case .describeHistory(let table, let limit):
            return .describeHistory(try resolveTable(table, at: nil).handle, limit: limit)
        case .showTables(let schema):
            return .showTables(schema: schema?.value)
        case .optimize(let optimize):
            return .optimize(try bindOptimize(optimize))
        case .vacuum(let vacuum):
            return .vacuum(
                try resolveTable(vacuum.table, at: nil).handle, retentionHours: vacuum.retentionHours,
                isDryRun: vacuum.isDryRun)
        case .restore(let restore):
            return .restore(try resolveTable(restore.table, at: nil).handle, to: restore.target)
        case .createTable(let create):
            return .createTableAs(try bindCreateTable(create))
        case .insert(let insert):
            return .insertInto(try bindInsert(insert))
        case .delete(let delete):
            let table = try resolveTable(delete.table, at: nil)
            let scope = Self.tableScope(table, name: delete.table, alias: nil)
            let predicate = try delete.filter.map { (filter) throws(SQLError) in
                try requireBoolean(bindExpression(filter, ExpressionContext(scope: scope, clause: "DELETE")), filter)
            }
            return .deleteFrom(DeleteCommand(table: table, predicate: predicate))
        case .update(let update):
            return .update(try bindUpdate(update))
        case .merge(let merge):
            return .merge(try bindMerge(merge))
        }
    }

    /// The table's columns under its name (or alias), as a statement's expressions see them.
    static func tableScope(_ table: ResolvedTable, name: TableIdentifier, alias: Identifier?) -> Scope {
        var relation: [Identifier] = []
        if let alias { relation = [alias] } else if case .name(let objectName) = name { relation = objectName.parts }
        return Scope.of(table.schema, relation: relation)
    }

    private mutating func bindOptimize(_ optimize: OptimizeStatement) throws(SQLError) -> OptimizeCommand {
        let table = try resolveTable(optimize.table, at: nil)
        let scope = Self.tableScope(table, name: optimize.table, alias: nil)
        var filter: BoundExpression?
        if let expression = optimize.filter {
            let bound = try requireBoolean(
                bindExpression(expression, ExpressionContext(scope: scope, clause: "OPTIMIZE")), expression)
            let partitions = Set(table.partitionColumns.map { $0.lowercased() })
            for column in bound.referencedColumns.sorted()
            where !partitions.contains(table.schema.fields[column].name.lowercased()) {
                throw Self.error(
                    .unsupported(
                        "OPTIMIZE ... WHERE on '\(table.schema.fields[column].name)', which is not a partition column"),
                    at: expression)
            }
            filter = bound
        }
        var zOrder: [Int] = []
        for name in optimize.zOrderBy {
            guard case .column(let index) = try bindColumn(ObjectName([name], at: name.location), in: scope).kind else { continue }
            zOrder.append(index)
        }
        return OptimizeCommand(table: table, partitionFilter: filter, zOrderColumns: zOrder)
    }

    private mutating func bindCreateTable(_ create: CreateTableStatement) throws(SQLError) -> CreateTableAsCommand {
        let locator: TableLocator
        switch create.table {
        case .name(let name): locator = .name(name.parts.map(\.value))
        case .path(let path): locator = .path(path)
        }
        let existing = (try? catalog.resolveTable(locator, at: nil)) ?? nil
        let query = try bindQuery(create.query)
        var partitions: [Int] = []
        for name in create.partitionedBy {
            guard case .column(let index) = try bindColumn(ObjectName([name], at: name.location), in: query.scope).kind else { continue }
            partitions.append(index)
        }
        var plan = query.plan
        let names = query.scope.columns.map(\.name)
        if plan.schema.fields.map(\.name) != names {
            plan = .project(
                plan,
                query.scope.columns.enumerated().map {
                    ProjectionItem(.column($0.offset, $0.element.type), name: $0.element.name)
                })
        }
        return CreateTableAsCommand(
            target: locator, existing: existing?.handle, orReplace: create.orReplace, ifNotExists: create.ifNotExists,
            partitionColumns: partitions, query: plan)
    }

    private mutating func bindInsert(_ insert: InsertStatement) throws(SQLError) -> InsertCommand {
        let table = try resolveTable(insert.table, at: nil)
        let tableScope = Self.tableScope(table, name: insert.table, alias: nil)
        let source = try bindQuery(insert.source)
        var targets: [Int] = []
        if insert.columns.isEmpty {
            targets = Array(table.schema.fields.indices)
        } else {
            for name in insert.columns {
                guard case .column(let index) = try bindColumn(ObjectName([name], at: name.location), in: tableScope).kind else {
                    continue
                }
                guard !targets.contains(index) else {
                    throw SQLError(
                        .typeMismatch("column '\(name.value)' is listed twice"), at: name.location,
                        length: name.description.utf8.count)
                }
                targets.append(index)
            }
        }
        let width = source.scope.columns.count
        guard width == targets.count else {
            throw SQLError(
                .columnCountMismatch(
                    expected: targets.count, found: width, context: "INSERT INTO \(table.handle.identity)"),
                at: .start, length: 0)
        }
        var items: [ProjectionItem] = []
        for (index, field) in table.schema.fields.enumerated() {
            guard let position = targets.firstIndex(of: index) else {
                items.append(ProjectionItem(.literal(.null, field.type), name: field.name))
                continue
            }
            let value = BoundExpression.column(position, source.scope.columns[position].type)
            guard SQLTypeRules.canAssign(value.type, to: field.type) else {
                throw SQLError(
                    .typeMismatch("column '\(field.name)' is \(field.type); the query gives \(value.type)"),
                    at: .start, length: 0)
            }
            items.append(ProjectionItem(coerce(value, to: field.type), name: field.name))
        }
        let isIdentity = items.enumerated().allSatisfy { index, item in
            item.expression == .column(index, item.expression.type) && item.name == source.scope.columns[index].name
        }
        let plan =
            isIdentity && source.plan.schema.fields.map(\.name) == items.map(\.name)
            ? source.plan : .project(source.plan, items)
        return InsertCommand(table: table, isOverwrite: insert.isOverwrite, query: plan)
    }

    private mutating func bindUpdate(_ update: UpdateStatement) throws(SQLError) -> UpdateCommand {
        let table = try resolveTable(update.table, at: nil)
        let scope = Self.tableScope(table, name: update.table, alias: update.alias)
        let context = ExpressionContext(scope: scope, clause: "UPDATE")
        let assignments = try bindAssignments(
            update.assignments, targetScope: scope, targetFields: table.schema.fields, context)
        let predicate = try update.filter.map { (filter) throws(SQLError) in
            try requireBoolean(bindExpression(filter, context), filter)
        }
        return UpdateCommand(table: table, assignments: assignments, predicate: predicate)
    }

    private mutating func bindAssignments(
        _ assignments: [Assignment], targetScope: Scope, targetFields: [Field],
        _ context: ExpressionContext
    ) throws(SQLError) -> [ColumnAssignment] {
        var bound: [ColumnAssignment] = []
        for assignment in assignments {
            guard case .column(let index) = try bindColumn(assignment.column, in: targetScope).kind else { continue }
            let value = try bindExpression(assignment.value, context)
            let type = targetFields[index].type
            guard value.isNullLiteral || SQLTypeRules.canAssign(value.type, to: type) else {
                throw Self.error(
                    .typeMismatch("column '\(targetFields[index].name)' is \(type); the value is \(value.type)"),
                    at: assignment.value)
            }
            bound.append(ColumnAssignment(column: index, value: coerce(value, to: type)))
        }
        return bound
    }

    private mutating func bindMerge(_ merge: MergeStatement) throws(SQLError) -> MergeCommand {
        let target = try resolveTable(merge.target, at: nil)
        let targetScope = Self.tableScope(target, name: merge.target, alias: merge.targetAlias)
        let source = try bindTableReference(merge.source)
        let targetWidth = targetScope.columns.count
        let joined = Scope(columns: targetScope.columns + source.scope.columns)
        let context = ExpressionContext(scope: joined, clause: "MERGE")
        let condition = try requireBoolean(bindExpression(merge.condition, context), merge.condition)
        let (keys, residual) = EquiJoinKeyExtraction.split(condition, leftWidth: targetWidth)
        let fields = target.schema.fields
        var clauses: [MergeCommand.Clause] = []
        for clause in merge.clauses {
            let clauseCondition = try clause.condition.map { (expression) throws(SQLError) in
                try requireBoolean(bindExpression(expression, context), expression)
            }
            let action: MergeCommand.Clause.Action
            switch clause.action {
            case .delete:
                action = .delete
            case .update(let assignments):
                action = .update(
                    try bindAssignments(assignments, targetScope: targetScope, targetFields: fields, context))
            case .updateAll:
                let values = try sourceColumnsByName(fields, source.scope, offset: targetWidth, what: "UPDATE SET *")
                action = .update(values.enumerated().map { ColumnAssignment(column: $0.offset, value: $0.element) })
            case .insertAll:
                action = .insert(
                    try sourceColumnsByName(fields, source.scope, offset: targetWidth, what: "INSERT *"))
            case .insert(let columns, let valueExpressions):
                var values = fields.map { BoundExpression.literal(.null, $0.type) }
                let names = columns.isEmpty ? fields.map { Identifier($0.name, isQuoted: true) } : columns
                guard names.count == valueExpressions.count else {
                    throw SQLError(
                        .columnCountMismatch(
                            expected: names.count, found: valueExpressions.count, context: "MERGE INSERT"),
                        at: valueExpressions.first?.location ?? .start, length: 0)
                }
                for (name, expression) in zip(names, valueExpressions) {
                    guard
                        case .column(let index) = try bindColumn(
                            ObjectName([name], at: name.location), in: Scope.of(target.schema, relation: [])
                        ).kind
                    else { continue }
                    let value = try bindExpression(expression, context)
                    guard value.isNullLiteral || SQLTypeRules.canAssign(value.type, to: fields[index].type) else {
                        throw Self.error(
                            .typeMismatch(
                                "column '\(fields[index].name)' is \(fields[index].type); the value is \(value.type)"),
                            at: expression)
                    }
                    values[index] = coerce(value, to: fields[index].type)
                }
                action = .insert(values)
            }
            clauses.append(MergeCommand.Clause(match: clause.match, condition: clauseCondition, action: action))
        }
        return MergeCommand(target: target, source: source.plan, keys: keys, residual: residual, clauses: clauses)
    }

    /// For `SET *` and `INSERT *`: each target column's value is the source column of the same name.
    private func sourceColumnsByName(_ fields: [Field], _ source: Scope, offset: Int, what: String) throws(SQLError)
        -> [BoundExpression]
    {
        var values: [BoundExpression] = []
        for field in fields {
            guard let index = source.columns.firstIndex(where: { $0.name.lowercased() == field.name.lowercased() })
            else {
                let suggestion = NameSuggestion.suggestion(for: field.name, among: source.columns.map(\.name))
                throw SQLError(
                    .unknownColumn("source.\(field.name) (for \(what))", suggestion: suggestion), at: .start, length: 0)
            }
            values.append(coerce(.column(offset + index, source.columns[index].type), to: field.type))
        }
        return values
    }
}
