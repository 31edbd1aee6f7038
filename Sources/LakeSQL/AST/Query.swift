/// A complete query: `WITH ... <body> ORDER BY ... LIMIT ... OFFSET ...`.
///
/// ORDER BY, LIMIT and OFFSET apply to the whole body, so in `SELECT ... UNION SELECT ... ORDER BY x` they sort
/// the union.
///
/// Spec: spec/sql.md §2.2.
public struct Query: Sendable, Hashable {
    public var commonTableExpressions: [CommonTableExpression]
    /// `WITH RECURSIVE`.
    public var isRecursive: Bool
    public var body: QueryBody
    public var orderBy: [OrderByItem]
    public var limit: Expression?
    public var offset: Expression?

    public init(
        with commonTableExpressions: [CommonTableExpression] = [], isRecursive: Bool = false, body: QueryBody,
        orderBy: [OrderByItem] = [], limit: Expression? = nil, offset: Expression? = nil
    ) {
        self.commonTableExpressions = commonTableExpressions
        self.isRecursive = isRecursive
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
    }

    /// A query of one SELECT and nothing else.
    public init(_ select: Select) {
        self.init(body: .select(select))
    }
}
