extension SQLFormatter {
    func expressionText(_ expression: Expression) -> String {
        expressionText(expression, minimumPrecedence: Precedence.or)
    }

    /// The expression, in parentheses when it binds more loosely than `minimumPrecedence`.
    private func expressionText(_ expression: Expression, minimumPrecedence: Int) -> String {
        let text = unparenthesizedText(expression.kind)
        return precedence(of: expression.kind) < minimumPrecedence ? "(" + text + ")" : text
    }

    private func precedence(of kind: Expression.Kind) -> Int {
        switch kind {
        case .binary(let op, _, _): op.precedence
        case .unary(let op, _): op.precedence
        case .isNull, .isDistinctFrom, .inList, .inSubquery, .between, .like: Precedence.comparison
        case .literal(.integer(let value)) where value < 0: Precedence.unary
        default: Precedence.primary
        }
    }

    private func unparenthesizedText(_ kind: Expression.Kind) -> String {
        let operand = Precedence.comparison
        let bound = Precedence.concatenation
        switch kind {
        case .literal(let literal):
            return literalText(literal)
        case .column(let name):
            return name.description
        case .unary(let op, let inner):
            let text = expressionText(inner, minimumPrecedence: op.precedence)
            if op == .not { return "NOT " + text }
            return op.rawValue + (text.hasPrefix("-") || text.hasPrefix("+") ? " " : "") + text
        case .binary(let op, let left, let right):
            return expressionText(left, minimumPrecedence: op.precedence) + " " + op.symbol + " "
                + expressionText(right, minimumPrecedence: op.precedence + 1)
        case .isNull(let inner, let negated):
            return expressionText(inner, minimumPrecedence: operand) + (negated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let left, let right, let negated):
            return expressionText(left, minimumPrecedence: operand) + (negated ? " IS NOT" : " IS")
                + " DISTINCT FROM " + expressionText(right, minimumPrecedence: bound)
        case .inList(let inner, let list, let negated):
            return expressionText(inner, minimumPrecedence: operand) + (negated ? " NOT IN (" : " IN (")
                + list.map { expressionText($0) }.joined(separator: ", ") + ")"
        case .inSubquery(let inner, let query, let negated):
            return expressionText(inner, minimumPrecedence: operand) + (negated ? " NOT IN (" : " IN (")
                + queryText(query, indent: nil) + ")"
        case .between(let inner, let low, let high, let negated):
            return expressionText(inner, minimumPrecedence: operand) + (negated ? " NOT BETWEEN " : " BETWEEN ")
                + expressionText(low, minimumPrecedence: bound) + " AND "
                + expressionText(high, minimumPrecedence: bound)
        case .like(let inner, let pattern, let caseInsensitive, let negated):
            return expressionText(inner, minimumPrecedence: operand) + (negated ? " NOT" : "")
                + (caseInsensitive ? " ILIKE " : " LIKE ") + expressionText(pattern, minimumPrecedence: bound)
        case .caseWhen(let caseExpression):
            var text = "CASE"
            if let operand = caseExpression.operand { text += " " + expressionText(operand) }
            for branch in caseExpression.branches {
                text += " WHEN " + expressionText(branch.when) + " THEN " + expressionText(branch.then)
            }
            if let elseResult = caseExpression.elseResult { text += " ELSE " + expressionText(elseResult) }
            return text + " END"
        case .cast(let inner, let type):
            return "CAST(" + expressionText(inner) + " AS " + type.description + ")"
        case .tryCast(let inner, let type):
            return "TRY_CAST(" + expressionText(inner) + " AS " + type.description + ")"
        case .function(let call):
            return functionText(call)
        case .extract(let field, let inner):
            return "EXTRACT(" + field.rawValue.uppercased() + " FROM " + expressionText(inner) + ")"
        case .subquery(let query):
            return "(" + queryText(query, indent: nil) + ")"
        case .exists(let query):
            return "EXISTS (" + queryText(query, indent: nil) + ")"
        }
    }

    func literalText(_ literal: Literal) -> String {
        switch literal {
        case .null: return "NULL"
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .integer(let value): return String(value)
        case .decimal(let text): return text
        case .double(let value):
            let text = "\(value)"
            return text.contains("e") || !value.isFinite ? text : text + "e0"
        case .string(let text): return SQLFormatter.quoted(string: text)
        case .typed(let type, let text):
            if type.parameters.isEmpty, type.name == "DATE" || type.name == "TIMESTAMP" {
                return type.name + " " + SQLFormatter.quoted(string: text)
            }
            return "CAST(" + SQLFormatter.quoted(string: text) + " AS " + type.description + ")"
        case .interval(let interval):
            return "INTERVAL " + SQLFormatter.quoted(string: interval.text)
        }
    }

    private func functionText(_ call: FunctionCall) -> String {
        // `left(s, n)` and `right(s, n)` are read as functions although LEFT and RIGHT are reserved.
        var name = call.name.description
        if call.name.parts.count == 1, !call.name.name.isQuoted,
            ["left", "right"].contains(call.name.name.value.lowercased())
        {
            name = call.name.name.value
        }
        var text = name + "(" + (call.isDistinct ? "DISTINCT " : "")
        switch call.arguments {
        case .star: text += "*"
        case .list(let arguments): text += arguments.map { expressionText($0) }.joined(separator: ", ")
        }
        text += ")"
        if let filter = call.filter { text += " FILTER (WHERE " + expressionText(filter) + ")" }
        if let window = call.window { text += " OVER (" + windowText(window) + ")" }
        return text
    }

    private func windowText(_ window: WindowSpecification) -> String {
        var parts: [String] = []
        if !window.partitionBy.isEmpty {
            parts.append("PARTITION BY " + window.partitionBy.map { expressionText($0) }.joined(separator: ", "))
        }
        if !window.orderBy.isEmpty { parts.append("ORDER BY " + orderByText(window.orderBy)) }
        if let frame = window.frame {
            if let end = frame.end {
                parts.append(
                    frame.unit.rawValue + " BETWEEN " + boundText(frame.start) + " AND " + boundText(end))
            } else {
                parts.append(frame.unit.rawValue + " " + boundText(frame.start))
            }
        }
        return parts.joined(separator: " ")
    }

    private func boundText(_ bound: WindowFrame.Bound) -> String {
        switch bound {
        case .unboundedPreceding: "UNBOUNDED PRECEDING"
        case .preceding(let offset): expressionText(offset, minimumPrecedence: Precedence.concatenation) + " PRECEDING"
        case .currentRow: "CURRENT ROW"
        case .following(let offset): expressionText(offset, minimumPrecedence: Precedence.concatenation) + " FOLLOWING"
        case .unboundedFollowing: "UNBOUNDED FOLLOWING"
        }
    }
}
