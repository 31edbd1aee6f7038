/// A prefix operator.
///
/// Spec: spec/sql.md §4.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
    case not = "NOT"
    case negate = "-"
    case plus = "+"

    public var precedence: Int { self == .not ? Precedence.not : Precedence.unary }
}
