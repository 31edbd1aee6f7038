extension SQLParser {
    /// Classifies a number token: `.integer` when it is all digits and fits `Int64`, `.double` with an exponent,
    /// else `.decimal` with the text as written.
    func numberLiteral(_ text: String, at token: Token) throws(SQLError) -> Literal {
        if text.contains(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Double(text), value.isFinite else {
                throw SQLError(
                    .invalidNumber(text, reason: "out of the range of a double"), at: token.location,
                    length: text.utf8.count)
            }
            return .double(value)
        }
        if !text.contains("."), let value = Int64(text) { return .integer(value) }
        return .decimal(text)
    }

    /// `INT`, `DECIMAL(18, 2)`, `DOUBLE PRECISION`, `TIMESTAMP WITH TIME ZONE`, `VARCHAR(20)`.
    mutating func parseTypeName() throws(SQLError) -> TypeName {
        guard case .word(let word, let keyword) = current.kind, keyword.map({ !$0.isReserved }) ?? true else {
            note("a type name")
            throw unexpected()
        }
        advance()
        var name = word.uppercased()
        switch name {
        case "DOUBLE":
            if isWord("PRECISION") {
                advance()
                name += " PRECISION"
            }
        case "CHARACTER":
            if isWord("VARYING") {
                advance()
                name += " VARYING"
            }
        case "TIMESTAMP", "TIME":
            // WITH is reserved, WITHOUT is not; both must be followed by TIME ZONE here.
            if (isKeyword(.with) || isWord("WITHOUT")), isWord("TIME", ahead: 1), isWord("ZONE", ahead: 2) {
                name += isKeyword(.with) ? " WITH TIME ZONE" : " WITHOUT TIME ZONE"
                advance()
                advance()
                advance()
            }
        default:
            break
        }
        var parameters: [Int] = []
        if accept(.leftParenthesis) {
            repeat {
                let count = try parseCount("a type parameter")
                guard let parameter = Int(exactly: count) else { throw unexpected() }
                parameters.append(parameter)
            } while accept(.comma)
            try expect(.rightParenthesis)
        }
        return TypeName(name, parameters: parameters)
    }

    /// True when the token `distance` ahead is the bare word `upperCased` in any case.
    private func isWord(_ upperCased: String, ahead distance: Int = 0) -> Bool {
        if case .word(let word, _) = peek(distance).kind { return word.uppercased() == upperCased }
        return false
    }

    /// `year`, `month`, ... as a bare word or a string.
    mutating func parseDateTimeField() throws(SQLError) -> DateTimeField {
        let token = current
        let name: String
        switch token.kind {
        case .word(let word, _): name = word
        case .string(let text): name = text
        default:
            note("a date/time field")
            throw unexpected()
        }
        guard let field = DateTimeField(name: name) else {
            throw SQLError(.unknownDateTimeField(name), at: token.location, length: token.text.utf8.count)
        }
        advance()
        return field
    }

    /// After INTERVAL: `'1 day 2 hours'`, `'3' DAY`, `3 DAYS`.
    mutating func parseIntervalBody() throws(SQLError) -> IntervalLiteral {
        let token = advance()
        switch token.kind {
        case .number(let text):
            guard let quantity = Int64(text) else {
                throw SQLError(
                    .invalidInterval(text, reason: "the quantity must be a whole number"), at: token.location,
                    length: token.text.utf8.count)
            }
            let unit = try parseIntervalUnit()
            return IntervalLiteral(components: [IntervalLiteral.Component(quantity: quantity, unit: unit)])
        case .string(let text):
            // `'3' DAY`: a bare whole number in quotes, then the unit as a word.
            if case .word(let word, _) = current.kind, DateTimeField(name: word) != nil,
                let quantity = Int64(text.trimmingSpaces())
            {
                let unit = try parseIntervalUnit()
                return IntervalLiteral(components: [IntervalLiteral.Component(quantity: quantity, unit: unit)])
            }
            return try intervalComponents(text, at: token)
        default:
            note("an interval such as '1 day'")
            throw unexpected()
        }
    }

    private mutating func parseIntervalUnit() throws(SQLError) -> DateTimeField {
        let token = current
        let field = try parseDateTimeField()
        guard field.isIntervalUnit else {
            throw SQLError(.unknownDateTimeField(token.text), at: token.location, length: token.text.utf8.count)
        }
        return field
    }

    /// Reads `'<quantity> <unit> [<quantity> <unit> ...]'`.
    private func intervalComponents(_ text: String, at token: Token) throws(SQLError) -> IntervalLiteral {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        func failure(_ reason: String) -> SQLError {
            SQLError(.invalidInterval(text, reason: reason), at: token.location, length: token.text.utf8.count)
        }
        guard !words.isEmpty else { throw failure("expected at least one '<number> <unit>' pair") }
        guard words.count.isMultiple(of: 2) else { throw failure("expected '<number> <unit>' pairs") }
        var components: [IntervalLiteral.Component] = []
        for index in stride(from: 0, to: words.count, by: 2) {
            guard let quantity = Int64(words[index]) else {
                throw failure("'\(words[index])' is not a whole number")
            }
            guard let unit = DateTimeField(name: String(words[index + 1])), unit.isIntervalUnit else {
                throw failure("'\(words[index + 1])' is not a unit (year, month, week, day, hour, minute, second, ...)")
            }
            components.append(IntervalLiteral.Component(quantity: quantity, unit: unit))
        }
        return IntervalLiteral(components: components)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return view
    }
}
