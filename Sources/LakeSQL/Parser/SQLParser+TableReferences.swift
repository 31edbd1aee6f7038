extension SQLParser {
    /// tableReference := tablePrimary { joinClause }
    mutating func parseTableReference() throws(SQLError) -> TableReference {
        var left = try parseTablePrimary()
        var links = 0
        defer { depth -= links }
        while let kind = try parseJoinKind() {
            try enter()
            links += 1
            let right = try parseTablePrimary()
            var condition: Join.Condition?
            if kind != .cross {
                if accept(.on) {
                    condition = .on(try parseExpression())
                } else if accept(.using) {
                    condition = .using(try parseParenthesizedIdentifiers())
                } else {
                    throw unexpected()
                }
            }
            left = .join(Join(kind, left: left, right: right, condition: condition))
        }
        return left
    }

    /// Consumes a join operator: `[INNER] JOIN`, `LEFT|RIGHT|FULL [OUTER] JOIN`, `CROSS JOIN`,
    /// `[LEFT] SEMI|ANTI JOIN`.
    private mutating func parseJoinKind() throws(SQLError) -> Join.Kind? {
        let kind: Join.Kind
        switch keyword(of: current) {
        case .join:
            advance()
            return .inner
        case .inner: kind = .inner
        case .cross: kind = .cross
        case .semi: kind = .semi
        case .anti: kind = .anti
        case .left:
            if isKeyword(.semi, ahead: 1) || isKeyword(.anti, ahead: 1) { advance() }
            kind = keyword(of: current) == .semi ? .semi : keyword(of: current) == .anti ? .anti : .left
        case .right: kind = .right
        case .full: kind = .full
        default:
            note("JOIN")
            return nil
        }
        advance()
        if kind == .left || kind == .right || kind == .full { _ = accept(.outer) }
        try expect(.join)
        return kind
    }

    /// tablePrimary := table [timeTravel] [alias] | function ( args ) [alias] | ( query ) [alias] | ( tableReference )
    mutating func parseTablePrimary() throws(SQLError) -> TableReference {
        if isSymbol(.leftParenthesis) {
            try enter()
            defer { leave() }
            advance()
            if startsQueryDirectly() {
                let query = try parseQuery()
                try expect(.rightParenthesis)
                return .derived(query, alias: try parseTableAlias())
            }
            let inner = try parseTableReference()
            // `((SELECT 1) UNION (SELECT 2)) AS u`: the first operand was read as a derived table.
            if case .derived(let first, nil) = inner, continuesQuery() {
                let query = try parseQuery(continuing: .parenthesized(first))
                try expect(.rightParenthesis)
                return .derived(query, alias: try parseTableAlias())
            }
            try expect(.rightParenthesis)
            // `((SELECT 1)) AS x` and `(t) AS x`: an alias after the parentheses names the table inside.
            switch inner {
            case .derived(let query, nil):
                return .derived(query, alias: try parseTableAlias())
            case .table(let table, let timeTravel, nil):
                return .table(table, timeTravel: timeTravel, alias: try parseTableAlias())
            case .function(let name, let arguments, nil):
                return .function(name, arguments: arguments, alias: try parseTableAlias())
            default:
                return inner
            }
        }
        if isIdentifier() {
            let name = try parseObjectName("a table name or 'path'")
            if isSymbol(.leftParenthesis) {
                advance()
                let arguments = isSymbol(.rightParenthesis) ? [] : try parseExpressionList()
                try expect(.rightParenthesis)
                return .function(name, arguments: arguments, alias: try parseTableAlias())
            }
            let timeTravel = try parseTimeTravel()
            return .table(.name(name), timeTravel: timeTravel, alias: try parseTableAlias())
        }
        let table = try parseTableIdentifier()
        let timeTravel = try parseTimeTravel()
        return .table(table, timeTravel: timeTravel, alias: try parseTableAlias())
    }

    private mutating func parseTableAlias() throws(SQLError) -> TableAlias? {
        guard let name = try parseOptionalAlias() else { return nil }
        let columns = isSymbol(.leftParenthesis) ? try parseParenthesizedIdentifiers() : []
        return TableAlias(name, columns: columns)
    }
}
