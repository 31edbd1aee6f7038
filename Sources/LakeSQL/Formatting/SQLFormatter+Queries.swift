extension SQLFormatter {
    /// The query with clauses on lines of their own at `indent`, or all on one line when `indent` is nil.
    func queryText(_ query: Query, indent: String?) -> String {
        let separator = indent.map { "\n" + $0 } ?? " "
        var clauses: [String] = []
        if !query.commonTableExpressions.isEmpty {
            let inner = indented(indent)
            let open = inner.map { "\n" + $0 } ?? ""
            let ctes = query.commonTableExpressions.map { cte in
                var text = SQLFormatter.quoted(cte.name)
                if !cte.columns.isEmpty { text += " " + identifierList(cte.columns) }
                let close = indent.map { "\n" + $0 } ?? ""
                return text + " AS (" + open + queryText(cte.query, indent: inner) + close + ")"
            }
            clauses.append("WITH " + (query.isRecursive ? "RECURSIVE " : "") + ctes.joined(separator: ", "))
        }
        clauses.append(bodyText(query.body, indent: indent))
        if !query.orderBy.isEmpty { clauses.append("ORDER BY " + orderByText(query.orderBy)) }
        if let limit = query.limit { clauses.append("LIMIT " + expressionText(limit)) }
        if let offset = query.offset { clauses.append("OFFSET " + expressionText(offset)) }
        return clauses.joined(separator: separator)
    }

    private func bodyText(_ body: QueryBody, indent: String?) -> String {
        let separator = indent.map { "\n" + $0 } ?? " "
        switch body {
        case .select(let select):
            return selectText(select, indent: indent)
        case .values(let rows):
            return "VALUES "
                + rows.map { "(" + $0.map { expressionText($0) }.joined(separator: ", ") + ")" }
                .joined(separator: ", ")
        case .parenthesized(let query):
            return parenthesized(query, indent: indent)
        case .setOperation(let operation):
            var left = bodyText(operation.left, indent: indent)
            var right = bodyText(operation.right, indent: indent)
            // The parser never builds these shapes (it keeps parentheses as `.parenthesized`); trees built in code
            // still print with their meaning.
            if case .setOperation(let inner) = operation.left, inner.op.precedence < operation.op.precedence {
                left = "(" + left + ")"
            }
            if case .setOperation(let inner) = operation.right, inner.op.precedence <= operation.op.precedence {
                right = "(" + right + ")"
            }
            let op = operation.op.rawValue + (operation.isAll ? " ALL" : "")
            return left + separator + op + separator + right
        }
    }

    /// `(query)`, with the query indented on its own lines in block layout.
    private func parenthesized(_ query: Query, indent: String?) -> String {
        guard let indent, let inner = indented(indent) else { return "(" + queryText(query, indent: nil) + ")" }
        return "(\n" + inner + queryText(query, indent: inner) + "\n" + indent + ")"
    }

    private func selectText(_ select: Select, indent: String?) -> String {
        let separator = indent.map { "\n" + $0 } ?? " "
        var text = "SELECT" + (select.isDistinct ? " DISTINCT" : "")
        if !select.distinctOn.isEmpty {
            text += " ON (" + select.distinctOn.map { expressionText($0) }.joined(separator: ", ") + ")"
        }
        let items = select.items.map { selectItemText($0) }
        let oneLine = items.joined(separator: ", ")
        // A long list in block layout gets one item per line.
        if let indent, let inner = indented(indent), items.count > 1,
            indent.count + text.count + 1 + oneLine.count > SQLFormatter.lineCharactersMax
        {
            text += "\n" + inner + items.joined(separator: ",\n" + inner)
        } else {
            text += " " + oneLine
        }
        if !select.from.isEmpty {
            text += separator + "FROM "
            text += select.from.map { tableReferenceText($0, indent: indent) }.joined(separator: ", ")
        }
        if let filter = select.filter { text += separator + "WHERE " + expressionText(filter) }
        if !select.groupBy.isEmpty {
            text += separator + "GROUP BY " + select.groupBy.map { expressionText($0) }.joined(separator: ", ")
        }
        if let having = select.having { text += separator + "HAVING " + expressionText(having) }
        if let qualify = select.qualify { text += separator + "QUALIFY " + expressionText(qualify) }
        return text
    }

    private func selectItemText(_ item: SelectItem) -> String {
        switch item {
        case .wildcard: "*"
        case .qualifiedWildcard(let name): name.description + ".*"
        case .expression(let expression, let alias):
            expressionText(expression) + (alias.map { " AS " + SQLFormatter.quoted($0) } ?? "")
        }
    }

    func orderByText(_ items: [OrderByItem]) -> String {
        items.map { item in
            var text = expressionText(item.expression)
            if let direction = item.direction { text += " " + direction.rawValue }
            if let nulls = item.nulls { text += " " + nulls.rawValue }
            return text
        }.joined(separator: ", ")
    }

    func tableReferenceText(_ reference: TableReference, indent: String?) -> String {
        switch reference {
        case .table(let table, let timeTravel, let alias):
            return tableText(table) + (timeTravel.map { " " + timeTravelText($0) } ?? "") + aliasText(alias)
        case .derived(let query, let alias):
            return parenthesized(query, indent: indent) + aliasText(alias)
        case .function(let name, let arguments, let alias):
            return name.description + "(" + arguments.map { expressionText($0) }.joined(separator: ", ") + ")"
                + aliasText(alias)
        case .join(let join):
            let separator = indent.map { "\n" + $0 } ?? " "
            var right = tableReferenceText(join.right, indent: indent)
            if case .join = join.right { right = "(" + right + ")" }
            var text = tableReferenceText(join.left, indent: indent) + separator + join.kind.rawValue + " " + right
            switch join.condition {
            case .on(let condition): text += " ON " + expressionText(condition)
            case .using(let columns): text += " USING " + identifierList(columns)
            case nil: break
            }
            return text
        }
    }

    private func aliasText(_ alias: TableAlias?) -> String {
        guard let alias else { return "" }
        return " AS " + SQLFormatter.quoted(alias.name) + (alias.columns.isEmpty ? "" : identifierList(alias.columns))
    }
}
