import LakeColumnar

/// One ORDER BY item. Nulls sort last unless `nullsFirst`; NaN sorts above every other float (PostgreSQL).
public struct SortKey: Sendable, Hashable {
    public var expression: Expression
    public var ascending: Bool
    public var nullsFirst: Bool

    public init(_ expression: Expression, ascending: Bool = true, nullsFirst: Bool = false) {
        self.expression = expression
        self.ascending = ascending
        self.nullsFirst = nullsFirst
    }

    var text: String {
        "\(ExpressionText.render(expression)) \(ascending ? "ASC" : "DESC") NULLS \(nullsFirst ? "FIRST" : "LAST")"
    }
}
