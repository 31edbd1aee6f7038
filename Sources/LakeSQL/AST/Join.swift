/// `left <kind> JOIN right [ON condition | USING (columns)]`.
///
/// Spec: spec/sql.md §2.3.
public struct Join: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case inner = "JOIN"
        case left = "LEFT JOIN"
        case right = "RIGHT JOIN"
        case full = "FULL JOIN"
        case cross = "CROSS JOIN"
        /// Rows of the left side with at least one match.
        case semi = "SEMI JOIN"
        /// Rows of the left side without a match.
        case anti = "ANTI JOIN"
    }

    public enum Condition: Sendable, Hashable {
        case on(Expression)
        case using([Identifier])
    }

    public var kind: Kind
    public var left: TableReference
    public var right: TableReference
    /// nil exactly for `.cross`.
    public var condition: Condition?

    public init(_ kind: Kind, left: TableReference, right: TableReference, condition: Condition?) {
        self.kind = kind
        self.left = left
        self.right = right
        self.condition = condition
    }
}
