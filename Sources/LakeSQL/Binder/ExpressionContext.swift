/// What an expression is bound against: the columns in scope, the clause (for messages), and for the clauses
/// after GROUP BY, the grouping it must respect.
///
/// Spec: spec/sql.md §8.2.
struct ExpressionContext {
    /// Columns of the input (before aggregation when `grouping` is set).
    var scope: Scope
    /// `WHERE`, `GROUP BY`, `SELECT`, ... for "not allowed in" messages.
    var clause: String
    /// Set after GROUP BY or aggregates: results are over the aggregate's output (keys, then aggregates).
    var grouping: Grouping?
    var allowsWindows: Bool
    /// SELECT-list aliases a bare name may refer to when no input column has that name (QUALIFY only), bound in
    /// this same context.
    var aliases: [ProjectionItem] = []

    init(scope: Scope, clause: String, grouping: Grouping? = nil, allowsWindows: Bool = false) {
        self.scope = scope
        self.clause = clause
        self.grouping = grouping
        self.allowsWindows = allowsWindows
    }

    /// The same scope without grouping or windows: for arguments of aggregates and for plain clauses.
    func plain(_ clause: String) -> ExpressionContext {
        ExpressionContext(scope: scope, clause: clause)
    }
}

/// The group keys and aggregates of a grouped SELECT, bound over its input.
///
/// Spec: spec/sql.md §8.2.
struct Grouping {
    var keys: [BoundExpression]
    var aggregates: [AggregateCall]
}
