/// `MERGE INTO target [[AS] alias] USING source ON condition WHEN ... THEN ...`.
///
/// Clauses are tried in order for each row; the first whose kind and condition match acts.
///
/// Spec: spec/sql.md §2.1.
public struct MergeStatement: Sendable, Hashable {
    public var target: TableIdentifier
    public var targetAlias: Identifier?
    /// A table (with optional alias and time travel) or a subquery with an alias.
    public var source: TableReference
    public var condition: Expression
    /// Never empty.
    public var clauses: [MergeClause]

    public init(
        target: TableIdentifier, targetAlias: Identifier? = nil, source: TableReference, on condition: Expression,
        clauses: [MergeClause]
    ) {
        self.target = target
        self.targetAlias = targetAlias
        self.source = source
        self.condition = condition
        self.clauses = clauses
    }
}
