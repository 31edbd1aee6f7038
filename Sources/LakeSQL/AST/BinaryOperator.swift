/// An infix operator. `precedence` orders them: a higher number binds tighter; all are left-associative.
///
/// Spec: spec/sql.md §4.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or = "OR"
    case and = "AND"
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case concatenate = "||"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"

    /// The operator as written by the formatter (`!=` is read as `notEqual` and written `<>`).
    public var symbol: String { rawValue }

    public var precedence: Int {
        switch self {
        case .or: Precedence.or
        case .and: Precedence.and
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: Precedence.comparison
        case .concatenate: Precedence.concatenation
        case .add, .subtract: Precedence.additive
        case .multiply, .divide, .modulo: Precedence.multiplicative
        }
    }
}
