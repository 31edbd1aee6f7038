/// Binding strength of operator levels, weakest first; shared by the parser and the formatter.
///
/// Spec: spec/sql.md §4.
public enum Precedence {
    public static let or = 1
    public static let and = 2
    /// Prefix `NOT`.
    public static let not = 3
    /// `= <> < <= > >=`, `IS [NOT] NULL`, `IS [NOT] DISTINCT FROM`, `[NOT] IN`, `[NOT] BETWEEN`, `[NOT] [I]LIKE`.
    public static let comparison = 4
    public static let concatenation = 5
    public static let additive = 6
    public static let multiplicative = 7
    /// Prefix `-` and `+`.
    public static let unary = 8
    /// Postfix `::type`.
    public static let cast = 9
    /// Literals, names, calls, parenthesized expressions.
    public static let primary = 10
}
