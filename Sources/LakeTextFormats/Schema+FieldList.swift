import LakeColumnar

extension Schema {
    /// Parses a field list such as `id:int64 not null,name:utf8,price:decimal(10,2),ts:timestamp(us,UTC)`.
    ///
    /// Grammar: fields separated by commas outside parentheses; each is `name:type`, optionally followed by
    /// `not null` (or `null`, the default), in any letter case. Types use `DataType(parsing:)` names. A name is
    /// trimmed of surrounding spaces; a name holding `:`, `,` or `"` or edge spaces is written in double quotes,
    /// with `""` for a quote inside. Names must be unique and non-empty.
    /// - Throws: `TextFormatError` with source `schema`, line 1 and the 1-based character column of the problem.
    public init(parsingFieldList text: String) throws(TextFormatError) {
        let characters = Array(text)
        var fields: [Field] = []
        var names: Set<String> = []
        var start = 0
        while start <= characters.count {
            let end = try Self.fieldEnd(characters, from: start)
            let field = try Self.parseField(characters, start..<end)
            guard names.insert(field.name).inserted else {
                throw Self.schemaError("duplicate field name '\(field.name)'", at: start)
            }
            fields.append(field)
            start = end + 1
        }
        self.init(fields)
    }

    /// The field list `init(parsingFieldList:)` reads back: `name:type` joined by commas, `not null` where the
    /// field is not nullable, names quoted where needed.
    public var fieldListDescription: String {
        fields.map { field in
            let plain =
                !field.name.isEmpty && !field.name.contains(where: { ":,\"".contains($0) })
                && field.name.first?.isWhitespace == false && field.name.last?.isWhitespace == false
            let name = plain ? field.name : "\"" + field.name.replacing("\"", with: "\"\"") + "\""
            return "\(name):\(field.type)" + (field.isNullable ? "" : " not null")
        }.joined(separator: ",")
    }

    /// Throws when two fields share a name: readers match columns by name.
    func checkUniqueNames(source: String) throws(TextFormatError) {
        var names: Set<String> = []
        for field in fields where !names.insert(field.name).inserted {
            throw TextFormatError(
                source: source, line: 0, field: field.name, reason: "the schema names field '\(field.name)' twice")
        }
    }

    private static func schemaError(_ reason: String, at offset: Int) -> TextFormatError {
        TextFormatError(source: "schema", line: 1, column: offset + 1, reason: reason)
    }

    /// Offset of the comma ending the field that starts at `start` (or the end of the text).
    private static func fieldEnd(_ characters: [Character], from start: Int) throws(TextFormatError) -> Int {
        var depth = 0
        var inQuotes = false
        var index = start
        while index < characters.count {
            let character = characters[index]
            if inQuotes {
                if character == "\"" { inQuotes = false }
            } else {
                switch character {
                case "\"": inQuotes = true
                case "(": depth += 1
                case ")":
                    depth -= 1
                    if depth < 0 { throw schemaError("unbalanced ')'", at: index) }
                case "," where depth == 0: return index
                default: break
                }
            }
            index += 1
        }
        if inQuotes { throw schemaError("field name quote is never closed", at: start) }
        if depth != 0 { throw schemaError("unbalanced '('", at: start) }
        return index
    }

    private static func parseField(_ characters: [Character], _ range: Range<Int>) throws(TextFormatError) -> Field {
        var index = range.lowerBound
        while index < range.upperBound && characters[index].isWhitespace { index += 1 }
        var name = ""
        if index < range.upperBound && characters[index] == "\"" {
            index += 1
            while true {
                guard index < range.upperBound else { throw schemaError("field name quote is never closed", at: index) }
                if characters[index] == "\"" {
                    if index + 1 < range.upperBound && characters[index + 1] == "\"" {
                        name.append("\"")
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                name.append(characters[index])
                index += 1
            }
            while index < range.upperBound && characters[index].isWhitespace { index += 1 }
            guard index < range.upperBound, characters[index] == ":" else {
                throw schemaError("expected ':' after the field name", at: index)
            }
        } else {
            let nameStart = index
            while index < range.upperBound && characters[index] != ":" { index += 1 }
            guard index < range.upperBound else {
                throw schemaError("expected 'name:type', found no ':'", at: nameStart)
            }
            name = String(characters[nameStart..<index]).trimmingCharacters(where: \.isWhitespace)
        }
        guard !name.isEmpty else { throw schemaError("empty field name", at: range.lowerBound) }
        let typeStart = index + 1
        var typeText = String(characters[typeStart..<range.upperBound]).trimmingCharacters(where: \.isWhitespace)
        var nullable = true
        let lowered = typeText.lowercased()
        for (suffix, isNullable) in [(" not null", false), (" null", true)] where lowered.hasSuffix(suffix) {
            typeText = String(typeText.dropLast(suffix.count)).trimmingCharacters(where: \.isWhitespace)
            nullable = isNullable
            break
        }
        guard let type = DataType(parsing: typeText) else {
            throw schemaError("unknown type '\(typeText)' for field '\(name)'", at: typeStart)
        }
        return Field(name, type, nullable: nullable)
    }
}

extension String {
    fileprivate func trimmingCharacters(where predicate: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !predicate($0) }), let last = lastIndex(where: { !predicate($0) })
        else { return "" }
        return String(self[first...last])
    }
}
