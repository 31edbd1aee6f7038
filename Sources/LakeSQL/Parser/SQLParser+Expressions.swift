extension SQLParser {
    mutating func parseExpression() throws(SQLError) -> Expression {
        try parseExpression(minimumPrecedence: Precedence.or)
    }

    /// `a, b, c`: at least one expression.
    mutating func parseExpressionList() throws(SQLError) -> [Expression] {
        var expressions = [try parseExpression()]
        while accept(.comma) {
            expressions.append(try parseExpression())
        }
        return expressions
    }

    /// Precedence climbing: a prefix expression, then every infix or postfix operator binding at least as tightly
    /// as `minimumPrecedence`, left-associative.
    mutating func parseExpression(minimumPrecedence: Int) throws(SQLError) -> Expression {
        try enter()
        var links = 0
        defer { depth -= 1 + links }
        var left = try parsePrefix()
        while true {
            let location = left.location
            if let op = binaryOperator(), op.precedence >= minimumPrecedence {
                advance()
                try enter()
                links += 1
                let right = try parseExpression(minimumPrecedence: op.precedence + 1)
                left = Expression(.binary(op, left, right), at: location)
                continue
            }
            if isSymbol(.doubleColon) {
                advance()
                try enter()
                links += 1
                left = Expression(.cast(left, try parseTypeName()), at: location)
                continue
            }
            guard Precedence.comparison >= minimumPrecedence, let predicate = try parsePredicate(on: left) else {
                return left
            }
            try enter()
            links += 1
            left = Expression(predicate, at: location)
        }
    }

    private func binaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .symbol(let symbol):
            switch symbol {
            case .plus: .add
            case .minus: .subtract
            case .star: .multiply
            case .slash: .divide
            case .percent: .modulo
            case .concatenate: .concatenate
            case .equal: .equal
            case .notEqual, .bangEqual: .notEqual
            case .less: .less
            case .lessOrEqual: .lessOrEqual
            case .greater: .greater
            case .greaterOrEqual: .greaterOrEqual
            default: nil
            }
        case .word(_, .and): .and
        case .word(_, .or): .or
        default: nil
        }
    }

    /// The postfix predicates at comparison level: `IS [NOT] NULL`, `IS [NOT] DISTINCT FROM x`, `[NOT] IN (...)`,
    /// `[NOT] BETWEEN a AND b`, `[NOT] LIKE p`, `[NOT] ILIKE p`. Returns nil, consuming nothing, when none is next.
    private mutating func parsePredicate(on operand: Expression) throws(SQLError) -> Expression.Kind? {
        if isKeyword(.is) {
            advance()
            let negated = accept(.not)
            if accept(.null) { return .isNull(operand, negated: negated) }
            if accept(.distinct) {
                try expect(.from)
                let other = try parseExpression(minimumPrecedence: Precedence.concatenation)
                return .isDistinctFrom(operand, other, negated: negated)
            }
            throw unexpected()
        }
        let negated = isKeyword(.not) && [.in, .between, .like, .ilike].contains(keyword(of: peek(1)))
        if negated { advance() }
        switch keyword(of: current) {
        case .in:
            advance()
            try expect(.leftParenthesis)
            if startsQueryDirectly() {
                let query = try parseQuery()
                try expect(.rightParenthesis)
                return .inSubquery(operand, query, negated: negated)
            }
            let list = try parseExpressionList()
            if list.count == 1, case .subquery(let first) = list[0].kind, continuesQuery() {
                let query = try parseQuery(continuing: .parenthesized(first))
                try expect(.rightParenthesis)
                return .inSubquery(operand, query, negated: negated)
            }
            try expect(.rightParenthesis)
            return .inList(operand, list, negated: negated)
        case .between:
            advance()
            let low = try parseExpression(minimumPrecedence: Precedence.concatenation)
            try expect(.and)
            let high = try parseExpression(minimumPrecedence: Precedence.concatenation)
            return .between(operand, low: low, high: high, negated: negated)
        case .like, .ilike:
            let caseInsensitive = keyword(of: current) == .ilike
            advance()
            let pattern = try parseExpression(minimumPrecedence: Precedence.concatenation)
            return .like(operand, pattern: pattern, caseInsensitive: caseInsensitive, negated: negated)
        default:
            return nil
        }
    }

    /// `NOT x`, `-x`, `+x`, or a primary.
    private mutating func parsePrefix() throws(SQLError) -> Expression {
        let location = current.location
        if isKeyword(.not) {
            advance()
            return Expression(.unary(.not, try parseExpression(minimumPrecedence: Precedence.not)), at: location)
        }
        if isSymbol(.minus) || isSymbol(.plus) {
            let op: UnaryOperator = isSymbol(.minus) ? .negate : .plus
            advance()
            return Expression(.unary(op, try parseExpression(minimumPrecedence: Precedence.unary)), at: location)
        }
        return try parsePrimary()
    }

    /// Dispatches on the first token. Each form has its own function so that the frame on the recursive path
    /// (`(` → expression → `(` ...) stays small; debug builds give every local of a function its own stack slot.
    private mutating func parsePrimary() throws(SQLError) -> Expression {
        switch current.kind {
        case .symbol(.leftParenthesis):
            return try parseParenthesizedPrimary()
        case .number, .string:
            return try parseLiteralPrimary()
        case .word(_, let keyword?):
            if let expression = try parseKeywordPrimary(keyword) { return expression }
            return try parseNamePrimary()
        case .word, .quotedIdentifier:
            return try parseNamePrimary()
        default:
            note("an expression")
            throw unexpected()
        }
    }

    /// A number or string literal; anything else is an error.
    @inline(never)
    private mutating func parseLiteralPrimary() throws(SQLError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let text):
            let literal = try numberLiteral(text, at: token)
            advance()
            return Expression(.literal(literal), at: token.location)
        case .string(let text):
            advance()
            return Expression(.literal(.string(text)), at: token.location)
        default:
            note("an expression")
            throw unexpected()
        }
    }

    /// `( expression )`, `( query )`, or `( (query) UNION ... )`.
    private mutating func parseParenthesizedPrimary() throws(SQLError) -> Expression {
        let location = advance().location
        if startsQueryDirectly() {
            let query = try parseQuery()
            try expect(.rightParenthesis)
            return Expression(.subquery(query), at: location)
        }
        var inner = try parseExpression()
        // `((SELECT 1) UNION (SELECT 2))`: the first operand was read as a scalar subquery.
        if case .subquery(let first) = inner.kind, continuesQuery() {
            inner = Expression(.subquery(try parseQuery(continuing: .parenthesized(first))), at: location)
        }
        try expect(.rightParenthesis)
        inner.location = location
        return inner
    }

    /// A column reference or a function call.
    @inline(never)
    private mutating func parseNamePrimary() throws(SQLError) -> Expression {
        let location = current.location
        let name: ObjectName
        if isKeyword(.left) || isKeyword(.right) {
            // `left(s, n)` and `right(s, n)` are functions although LEFT and RIGHT are reserved.
            guard isSymbol(.leftParenthesis, ahead: 1), case .word(let word, _) = current.kind else {
                note("an expression")
                throw unexpected()
            }
            advance()
            name = ObjectName([Identifier(word)], at: location)
        } else if isIdentifier() {
            name = try parseObjectName()
        } else {
            note("an expression")
            throw unexpected()
        }
        if isSymbol(.leftParenthesis) {
            return Expression(.function(try parseFunctionCall(name)), at: location)
        }
        return Expression(.column(name), at: location)
    }

    /// Expressions that start with a keyword; nil when a non-reserved keyword stands for a name here.
    @inline(never)
    private mutating func parseKeywordPrimary(_ keyword: Keyword) throws(SQLError) -> Expression? {
        let location = current.location
        switch keyword {
        case .null:
            advance()
            return Expression(.literal(.null), at: location)
        case .true, .false:
            advance()
            return Expression(.literal(.boolean(keyword == .true)), at: location)
        case .case:
            advance()
            return Expression(.caseWhen(try parseCase()), at: location)
        case .cast,
            .tryCast where isSymbol(.leftParenthesis, ahead: 1):
            advance()
            try expect(.leftParenthesis)
            let value = try parseExpression()
            try expect(.as)
            let type = try parseTypeName()
            try expect(.rightParenthesis)
            return Expression(keyword == .cast ? .cast(value, type) : .tryCast(value, type), at: location)
        case .exists:
            advance()
            try expect(.leftParenthesis)
            let query = try parseQuery()
            try expect(.rightParenthesis)
            return Expression(.exists(query), at: location)
        case .extract where isSymbol(.leftParenthesis, ahead: 1):
            advance()
            advance()
            let field = try parseDateTimeField()
            try expect(.from)
            let value = try parseExpression()
            try expect(.rightParenthesis)
            return Expression(.extract(field, value), at: location)
        case .interval where peek(1).kind.isString || peek(1).kind.isNumber:
            advance()
            return Expression(.literal(.interval(try parseIntervalBody())), at: location)
        case .date where peek(1).kind.isString, .timestamp where peek(1).kind.isString:
            advance()
            guard case .string(let text) = advance().kind else { return nil }
            return Expression(.literal(.typed(TypeName(keyword.rawValue), text)), at: location)
        default:
            return nil
        }
    }

    /// After CASE: `[operand] WHEN a THEN b ... [ELSE c] END`.
    private mutating func parseCase() throws(SQLError) -> CaseExpression {
        note("WHEN")
        let operand = isKeyword(.when) ? nil : try parseExpression()
        var branches: [CaseExpression.Branch] = []
        while accept(.when) {
            let when = try parseExpression()
            try expect(.then)
            branches.append(CaseExpression.Branch(when: when, then: try parseExpression()))
        }
        guard !branches.isEmpty else { throw unexpected() }
        let elseResult = accept(.else) ? try parseExpression() : nil
        try expect(.end)
        return CaseExpression(operand: operand, branches: branches, elseResult: elseResult)
    }

    /// After the name: `( [DISTINCT | ALL] [* | args] ) [OVER (window)]`.
    private mutating func parseFunctionCall(_ name: ObjectName) throws(SQLError) -> FunctionCall {
        try expect(.leftParenthesis)
        var isDistinct = false
        if accept(.distinct) {
            isDistinct = true
        } else {
            _ = accept(.all)
        }
        let arguments: FunctionCall.Arguments
        if !isDistinct, accept(.star) {
            arguments = .star
        } else if !isDistinct, isSymbol(.rightParenthesis) {
            arguments = .list([])
        } else {
            arguments = .list(try parseExpressionList())
        }
        try expect(.rightParenthesis)
        var filter: Expression?
        if isKeyword(.filter), isSymbol(.leftParenthesis, ahead: 1) {
            advance()
            advance()
            try expect(.where)
            filter = try parseExpression()
            try expect(.rightParenthesis)
        }
        let window = accept(.over) ? try parseWindowSpecification() : nil
        return FunctionCall(name: name, arguments: arguments, isDistinct: isDistinct, filter: filter, window: window)
    }

    /// `( [PARTITION BY exprs] [ORDER BY items] [frame] )`.
    private mutating func parseWindowSpecification() throws(SQLError) -> WindowSpecification {
        try expect(.leftParenthesis)
        let partitionBy = try accept(.partition, .by) ? try parseExpressionList() : []
        let orderBy = try accept(.order, .by) ? try parseOrderByItems() : []
        var frame: WindowFrame?
        let unit: WindowFrame.Unit? = accept(.rows) ? .rows : accept(.range) ? .range : nil
        if let unit {
            if accept(.between) {
                let start = try parseFrameBound()
                try expect(.and)
                frame = WindowFrame(unit: unit, start: start, end: try parseFrameBound())
            } else {
                frame = WindowFrame(unit: unit, start: try parseFrameBound())
            }
        }
        try expect(.rightParenthesis)
        return WindowSpecification(partitionBy: partitionBy, orderBy: orderBy, frame: frame)
    }

    private mutating func parseFrameBound() throws(SQLError) -> WindowFrame.Bound {
        if accept(.unbounded) {
            if accept(.preceding) { return .unboundedPreceding }
            try expect(.following)
            return .unboundedFollowing
        }
        if accept(.current) {
            try expect(.row)
            return .currentRow
        }
        let offset = try parseExpression(minimumPrecedence: Precedence.concatenation)
        if accept(.preceding) { return .preceding(offset) }
        try expect(.following)
        return .following(offset)
    }
}

extension TokenKind {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }
}
