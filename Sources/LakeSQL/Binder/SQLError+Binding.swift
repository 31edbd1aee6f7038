extension SQLError {
    /// The reason of a binder error (the kinds after `tooManyStatements`).
    var bindingReason: String {
        func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean \($0)?)" } ?? "" }
        switch kind {
        case .unknownColumn(let name, let suggestion): return "unknown column '\(name)'\(hint(suggestion))"
        case .unknownTable(let name, let suggestion): return "unknown table '\(name)'\(hint(suggestion))"
        case .ambiguousColumn(let name, let candidates):
            return "column reference '\(name)' is ambiguous: it could be \(SQLError.alternatives(candidates))"
        case .typeMismatch(let reason): return "type mismatch: \(reason)"
        case .aggregateNotAllowed(let function, let clause):
            return "aggregate function \(function) is not allowed in \(clause)"
        case .windowNotAllowed(let function, let clause):
            return "window function \(function) is not allowed in \(clause)"
        case .nonGroupedColumn(let name):
            return "column '\(name)' must appear in GROUP BY or be used in an aggregate function"
        case .wrongArgumentCount(let function, let expected, let found):
            let noun = found == 1 ? "argument" : "arguments"
            return "function \(function) takes \(expected) arguments, found \(found) \(noun)"
        case .unknownFunction(let name, let suggestion): return "unknown function '\(name)'\(hint(suggestion))"
        case .unknownType(let name): return "unknown type '\(name)'"
        case .invalidLiteral(let text, let reason): return "invalid literal '\(text)': \(reason)"
        case .ordinalOutOfRange(let ordinal, let count):
            return "position \(ordinal) is not in the SELECT list, which has \(count) item\(count == 1 ? "" : "s")"
        case .columnCountMismatch(let expected, let found, let context):
            return "\(context) needs \(expected) column\(expected == 1 ? "" : "s"), found \(found)"
        case .unsupported(let what): return "\(what) is not supported"
        case .catalogFailure(let table, let reason): return "cannot read table '\(table)': \(reason)"
        default: return "\(kind)"
        }
    }
}
