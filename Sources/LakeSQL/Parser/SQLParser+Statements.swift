extension SQLParser {
    /// statement := query | EXPLAIN statement | DESCRIBE ... | OPTIMIZE ... | VACUUM ... | RESTORE ...
    ///            | CREATE ... | INSERT ... | DELETE ... | UPDATE ... | MERGE ...
    mutating func parseStatement() throws(SQLError) -> Statement {
        if startsQuery() { return .query(try parseQuery()) }
        switch keyword(of: current) {
        case .explain:
            advance()
            try enter()
            defer { leave() }
            return .explain(try parseStatement())
        case .describe: return try parseDescribe()
        case .show: return try parseShowTables()
        case .optimize: return try parseOptimize()
        case .vacuum: return try parseVacuum()
        case .restore: return try parseRestore()
        case .create: return try parseCreateTable()
        case .insert: return try parseInsert()
        case .delete: return try parseDelete()
        case .update: return try parseUpdate()
        case .merge: return try parseMerge()
        default:
            for keyword: Keyword in [
                .select, .with, .values, .explain, .describe, .show, .optimize, .vacuum, .restore, .create, .insert,
                .delete, .update, .merge,
            ] {
                note(keyword.rawValue)
            }
            throw unexpected()
        }
    }

    /// True when a query starts at the current token: SELECT, WITH or `VALUES (`, after any number of `(`. Use
    /// where only a query can follow (statements, INSERT, CREATE).
    func startsQuery() -> Bool {
        var distance = 0
        // Past the nesting limit the parse fails anyway; the cap keeps hostile input linear.
        while isSymbol(.leftParenthesis, ahead: distance), distance <= SQLLimits.nestingDepthMax { distance += 1 }
        return startsQueryDirectly(ahead: distance)
    }

    /// True when SELECT, WITH or VALUES `(` is `distance` tokens ahead. Where an expression or a table may also
    /// follow `(`, only this decides; `((SELECT 1) UNION ...)` is then read by `parseQuery(continuing:)`.
    func startsQueryDirectly(ahead distance: Int = 0) -> Bool {
        switch keyword(of: peek(distance)) {
        case .select, .with: true
        // A column may be called `values`; the VALUES of a query is always followed by a row.
        case .values: isSymbol(.leftParenthesis, ahead: distance + 1)
        default: false
        }
    }

    /// True when the current token continues a query after its first operand: a set operator, ORDER BY, LIMIT or
    /// OFFSET.
    func continuesQuery() -> Bool {
        switch keyword(of: current) {
        case .union, .intersect, .except, .order, .limit, .offset: true
        default: false
        }
    }

    /// table := name | 'path'.
    mutating func parseTableIdentifier() throws(SQLError) -> TableIdentifier {
        if case .string(let path) = current.kind {
            advance()
            return .path(path)
        }
        return .name(try parseObjectName("a table name or 'path'"))
    }

    /// A non-negative integer literal, for versions, limits and hours.
    mutating func parseCount(_ description: String) throws(SQLError) -> Int64 {
        guard case .number(let text) = current.kind else {
            note(description)
            throw unexpected()
        }
        guard let value = Int64(text) else {
            throw SQLError(
                .invalidNumber(text, reason: "expected \(description)"), at: current.location,
                length: text.utf8.count)
        }
        advance()
        return value
    }

    /// VERSION AS OF n | TIMESTAMP AS OF 'text'.
    mutating func parseTimeTravel() throws(SQLError) -> TimeTravel? {
        if isKeyword(.version), isKeyword(.as, ahead: 1) {
            advance()
            advance()
            try expect(.of)
            return .version(try parseCount("a version number"))
        }
        if isKeyword(.timestamp), isKeyword(.as, ahead: 1) {
            advance()
            advance()
            try expect(.of)
            guard case .string(let text) = current.kind else {
                note("a timestamp in quotes")
                throw unexpected()
            }
            advance()
            return .timestamp(text)
        }
        note("VERSION AS OF")
        note("TIMESTAMP AS OF")
        return nil
    }

    private mutating func parseDescribe() throws(SQLError) -> Statement {
        advance()
        // `DESCRIBE HISTORY` alone describes a table named `history`.
        if isKeyword(.history), isIdentifier(ahead: 1) || peek(1).kind.isString {
            advance()
            let table = try parseTableIdentifier()
            let limit = accept(.limit) ? try parseCount("a row count") : nil
            return .describeHistory(table, limit: limit)
        }
        if isKeyword(.table), isIdentifier(ahead: 1) || peek(1).kind.isString { advance() }
        return .describe(try parseTableIdentifier())
    }

    /// SHOW TABLES [(FROM | IN) schema]
    private mutating func parseShowTables() throws(SQLError) -> Statement {
        advance()
        try expect(.tables)
        guard accept(.from) || accept(.in) else { return .showTables(schema: nil) }
        return .showTables(schema: try parseIdentifier("a schema name"))
    }

    private mutating func parseOptimize() throws(SQLError) -> Statement {
        advance()
        let table = try parseTableIdentifier()
        let filter = accept(.where) ? try parseExpression() : nil
        let zOrderBy = try accept(.zorder, .by) ? try parseParenthesizedIdentifiers() : []
        return .optimize(OptimizeStatement(table: table, where: filter, zOrderBy: zOrderBy))
    }

    private mutating func parseVacuum() throws(SQLError) -> Statement {
        advance()
        let table = try parseTableIdentifier()
        var hours: Int64?
        if accept(.retain) {
            hours = try parseCount("a number of hours")
            try expect(.hours)
        }
        let isDryRun = try accept(.dry, .run)
        return .vacuum(VacuumStatement(table: table, retentionHours: hours, isDryRun: isDryRun))
    }

    private mutating func parseRestore() throws(SQLError) -> Statement {
        advance()
        if isKeyword(.table), isIdentifier(ahead: 1) || peek(1).kind.isString { advance() }
        let table = try parseTableIdentifier()
        try expect(.to)
        guard let target = try parseTimeTravel() else { throw unexpected() }
        return .restore(RestoreStatement(table: table, to: target))
    }

    private mutating func parseCreateTable() throws(SQLError) -> Statement {
        advance()
        let orReplace = try accept(.or, .replace)
        try expect(.table)
        var ifNotExists = false
        if isKeyword(.if) {
            advance()
            try expect(.not)
            try expect(.exists)
            ifNotExists = true
        }
        let table = try parseTableIdentifier()
        let partitionedBy = try accept(.partitioned, .by) ? try parseParenthesizedIdentifiers() : []
        try expect(.as)
        guard startsQuery() else {
            note("a query")
            throw unexpected()
        }
        let query = try parseQuery()
        return .createTable(
            CreateTableStatement(
                table: table, orReplace: orReplace, ifNotExists: ifNotExists, partitionedBy: partitionedBy,
                query: query))
    }

    private mutating func parseInsert() throws(SQLError) -> Statement {
        advance()
        var isOverwrite = false
        if accept(.overwrite) {
            isOverwrite = true
            // TABLE is optional; a table may also be called `table`.
            if isKeyword(.table), isIdentifier(ahead: 1) || peek(1).kind.isString { advance() }
        } else {
            try expect(.into)
        }
        let table = try parseTableIdentifier()
        // `(a, b)` lists columns unless it starts the query: `INSERT INTO t (SELECT ...)`.
        let columns = isSymbol(.leftParenthesis) && !startsQuery() ? try parseParenthesizedIdentifiers() : []
        guard startsQuery() else {
            note("SELECT")
            note("VALUES")
            throw unexpected()
        }
        return .insert(
            InsertStatement(table: table, columns: columns, isOverwrite: isOverwrite, source: try parseQuery()))
    }

    private mutating func parseDelete() throws(SQLError) -> Statement {
        advance()
        try expect(.from)
        let table = try parseTableIdentifier()
        let filter = accept(.where) ? try parseExpression() : nil
        return .delete(DeleteStatement(table: table, where: filter))
    }

    private mutating func parseUpdate() throws(SQLError) -> Statement {
        advance()
        let table = try parseTableIdentifier()
        let alias = try parseOptionalAlias()
        try expect(.set)
        let assignments = try parseAssignments()
        let filter = accept(.where) ? try parseExpression() : nil
        return .update(UpdateStatement(table: table, alias: alias, assignments: assignments, where: filter))
    }

    /// `AS name` or an implicit alias (a name that is no keyword).
    mutating func parseOptionalAlias() throws(SQLError) -> Identifier? {
        if accept(.as) { return try parseIdentifier("an alias") }
        if isImplicitAlias() {
            implicitAliasPosition = position
            return try parseIdentifier()
        }
        return nil
    }

    private mutating func parseAssignments() throws(SQLError) -> [Assignment] {
        var assignments: [Assignment] = []
        repeat {
            let column = try parseObjectName("a column name")
            try expect(.equal)
            assignments.append(Assignment(column: column, value: try parseExpression()))
        } while accept(.comma)
        return assignments
    }

    private mutating func parseMerge() throws(SQLError) -> Statement {
        advance()
        try expect(.into)
        let target = try parseTableIdentifier()
        let targetAlias = try parseOptionalAlias()
        try expect(.using)
        let source = try parseTablePrimary()
        try expect(.on)
        let condition = try parseExpression()
        var clauses: [MergeClause] = []
        while accept(.when) {
            clauses.append(try parseMergeClause())
        }
        guard !clauses.isEmpty else { throw unexpected() }
        return .merge(
            MergeStatement(
                target: target, targetAlias: targetAlias, source: source, on: condition, clauses: clauses))
    }

    /// After WHEN: `[NOT] MATCHED [BY SOURCE | BY TARGET] [AND condition] THEN action`.
    private mutating func parseMergeClause() throws(SQLError) -> MergeClause {
        var match = MergeClause.Match.matched
        if accept(.not) {
            try expect(.matched)
            match = .notMatched
            if accept(.by) {
                if accept(.source) {
                    match = .notMatchedBySource
                } else if !accept(.target) {
                    throw unexpected()
                }
            }
        } else if !accept(.matched) {
            throw unexpected()
        }
        let condition = accept(.and) ? try parseExpression() : nil
        try expect(.then)
        let action: MergeClause.Action
        switch match {
        case .matched, .notMatchedBySource:
            if accept(.delete) {
                action = .delete
            } else if accept(.update) {
                try expect(.set)
                action = accept(.star) ? .updateAll : .update(try parseAssignments())
            } else {
                throw unexpected()
            }
        case .notMatched:
            try expect(.insert)
            if accept(.star) {
                action = .insertAll
            } else {
                let columns = isSymbol(.leftParenthesis) ? try parseParenthesizedIdentifiers() : []
                try expect(.values)
                try expect(.leftParenthesis)
                let values = try parseExpressionList()
                try expect(.rightParenthesis)
                action = .insert(columns: columns, values: values)
            }
        }
        return MergeClause(match, and: condition, then: action)
    }
}

extension TokenKind {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}
