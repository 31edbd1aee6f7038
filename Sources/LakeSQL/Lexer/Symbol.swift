/// Operators and punctuation.
///
/// Spec: spec/sql.md §1.
public enum Symbol: String, Sendable, Hashable, CaseIterable {
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case concatenate = "||"
    case equal = "="
    case notEqual = "<>"
    case bangEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case leftParenthesis = "("
    case rightParenthesis = ")"
    case comma = ","
    case dot = "."
    case semicolon = ";"
    case doubleColon = "::"
}
