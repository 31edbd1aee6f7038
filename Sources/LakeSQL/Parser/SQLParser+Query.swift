extension SQLParser {
    /// query := [WITH [RECURSIVE] cte, ...] setExpression [ORDER BY items] [LIMIT expr] [OFFSET expr]
    mutating func parseQuery() throws(SQLError) -> Query {
        try enter()
        defer { leave() }
        var ctes: [CommonTableExpression] = []
        var isRecursive = false
        if accept(.with) {
            isRecursive = accept(.recursive)
            repeat {
                ctes.append(try parseCommonTableExpression())
            } while accept(.comma)
        }
        let body = try parseSetExpression(minimumPrecedence: 1)
        return try parseQueryTail(
            Query(with: ctes, isRecursive: isRecursive, body: body))
    }

    /// Reads the rest of a query whose first operand, `first`, was already read (as a scalar subquery or a derived
    /// table, before it was clear that a query follows).
    mutating func parseQuery(continuing first: QueryBody) throws(SQLError) -> Query {
        try enter()
        defer { leave() }
        let body = try parseSetExpression(minimumPrecedence: 1, first: first)
        return try parseQueryTail(Query(body: body))
    }

    /// `[ORDER BY items] [LIMIT expr] [OFFSET expr [ROWS]]` after the body of `query`.
    private mutating func parseQueryTail(_ query: Query) throws(SQLError) -> Query {
        var query = query
        query.orderBy = try accept(.order, .by) ? try parseOrderByItems() : []
        query.limit = accept(.limit) ? try parseExpression() : nil
        query.offset = accept(.offset) ? try parseExpression() : nil
        if query.offset != nil { _ = accept(.rows) }
        return query
    }

    private mutating func parseCommonTableExpression() throws(SQLError) -> CommonTableExpression {
        let name = try parseIdentifier("a name for the common table expression")
        let columns = isSymbol(.leftParenthesis) ? try parseParenthesizedIdentifiers() : []
        try expect(.as)
        try expect(.leftParenthesis)
        let query = try parseQuery()
        try expect(.rightParenthesis)
        return CommonTableExpression(name: name, columns: columns, query: query)
    }

    /// Precedence climbing over UNION/EXCEPT (1) and INTERSECT (2), left-associative. `first`, when given, is the
    /// already-read first operand.
    private mutating func parseSetExpression(
        minimumPrecedence: Int, first: QueryBody? = nil
    ) throws(SQLError) -> QueryBody {
        var left: QueryBody
        if let first {
            left = first
        } else {
            left = try parseQueryPrimary()
        }
        var links = 0
        defer { depth -= links }
        while true {
            let op: SetOperation.Operator
            if isKeyword(.union) {
                op = .union
            } else if isKeyword(.intersect) {
                op = .intersect
            } else if isKeyword(.except) {
                op = .except
            } else {
                note("UNION")
                note("INTERSECT")
                note("EXCEPT")
                return left
            }
            guard op.precedence >= minimumPrecedence else { return left }
            advance()
            try enter()
            links += 1
            let isAll = accept(.all)
            if !isAll { _ = accept(.distinct) }
            let right = try parseSetExpression(minimumPrecedence: op.precedence + 1)
            left = .setOperation(SetOperation(op, isAll: isAll, left: left, right: right))
        }
    }

    /// SELECT ... | VALUES ... | ( query )
    private mutating func parseQueryPrimary() throws(SQLError) -> QueryBody {
        if isSymbol(.leftParenthesis) {
            advance()
            let query = try parseQuery()
            try expect(.rightParenthesis)
            return .parenthesized(query)
        }
        if accept(.values) { return .values(try parseValuesRows()) }
        guard accept(.select) else {
            note("VALUES")
            note("'('")
            throw unexpected()
        }
        return .select(try parseSelectAfterKeyword())
    }

    /// `(a, b), (c, d)`: rows of equal width.
    mutating func parseValuesRows() throws(SQLError) -> [[Expression]] {
        var rows: [[Expression]] = []
        repeat {
            let start = current
            try expect(.leftParenthesis)
            let row = try parseExpressionList()
            try expect(.rightParenthesis)
            if let first = rows.first, first.count != row.count {
                throw SQLError(
                    .valuesRowWidth(expected: first.count, found: row.count), at: start.location, length: 1)
            }
            rows.append(row)
        } while accept(.comma)
        return rows
    }

    private mutating func parseSelectAfterKeyword() throws(SQLError) -> Select {
        var isDistinct = false
        var distinctOn: [Expression] = []
        if accept(.distinct) {
            isDistinct = true
            if accept(.on) {
                try expect(.leftParenthesis)
                distinctOn = try parseExpressionList()
                try expect(.rightParenthesis)
            }
        } else {
            _ = accept(.all)
        }
        var items: [SelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while accept(.comma)
        var from: [TableReference] = []
        if accept(.from) {
            repeat {
                from.append(try parseTableReference())
            } while accept(.comma)
        }
        let filter = accept(.where) ? try parseExpression() : nil
        let groupBy = try accept(.group, .by) ? try parseExpressionList() : []
        let having = accept(.having) ? try parseExpression() : nil
        let qualify = accept(.qualify) ? try parseExpression() : nil
        return Select(
            isDistinct: isDistinct, distinctOn: distinctOn, items: items, from: from, where: filter, groupBy: groupBy,
            having: having, qualify: qualify)
    }

    private mutating func parseSelectItem() throws(SQLError) -> SelectItem {
        if accept(.star) { return .wildcard }
        // `t.*`, `s.t.*`.
        var distance = 0
        while isIdentifier(ahead: distance), isSymbol(.dot, ahead: distance + 1) {
            if isSymbol(.star, ahead: distance + 2) {
                let name = try parseObjectName()
                try expect(.dot)
                try expect(.star)
                return .qualifiedWildcard(name)
            }
            distance += 2
        }
        note("'*'")
        let expression = try parseExpression()
        return .expression(expression, alias: try parseOptionalAlias())
    }

    mutating func parseOrderByItems() throws(SQLError) -> [OrderByItem] {
        var items: [OrderByItem] = []
        repeat {
            let expression = try parseExpression()
            var direction: OrderByItem.Direction?
            if accept(.asc) {
                direction = .ascending
            } else if accept(.desc) {
                direction = .descending
            }
            var nulls: OrderByItem.NullOrder?
            if accept(.nulls) {
                if accept(.first) {
                    nulls = .first
                } else if accept(.last) {
                    nulls = .last
                } else {
                    throw unexpected()
                }
            }
            items.append(OrderByItem(expression, direction: direction, nulls: nulls))
        } while accept(.comma)
        return items
    }
}
