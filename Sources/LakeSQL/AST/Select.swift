/// `SELECT [DISTINCT [ON (keys)]] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...] [QUALIFY ...]`.
///
/// Spec: spec/sql.md §2.2.
public struct Select: Sendable, Hashable {
    public var isDistinct: Bool
    /// `DISTINCT ON (a, b)`: keep the first row (in ORDER BY order) of each group of equal keys. Non-empty only
    /// when `isDistinct`.
    public var distinctOn: [Expression]
    /// Never empty.
    public var items: [SelectItem]
    /// The comma-separated FROM list; empty without FROM. `FROM a, b` is a cross join of two entries.
    public var from: [TableReference]
    public var filter: Expression?
    public var groupBy: [Expression]
    public var having: Expression?
    /// Filters rows after window functions are computed: `QUALIFY row_number() OVER (...) = 1`.
    public var qualify: Expression?

    public init(
        isDistinct: Bool = false, distinctOn: [Expression] = [], items: [SelectItem], from: [TableReference] = [],
        where filter: Expression? = nil, groupBy: [Expression] = [], having: Expression? = nil,
        qualify: Expression? = nil
    ) {
        precondition(distinctOn.isEmpty || isDistinct, "DISTINCT ON implies DISTINCT")
        self.isDistinct = isDistinct
        self.distinctOn = distinctOn
        self.items = items
        self.from = from
        self.filter = filter
        self.groupBy = groupBy
        self.having = having
        self.qualify = qualify
    }
}
