/// `CASE [operand] WHEN a THEN b ... [ELSE c] END`.
///
/// With an operand (simple CASE) each `when` is compared with it; without (searched CASE) each `when` is a
/// condition.
///
/// Spec: spec/sql.md §2.4.
public struct CaseExpression: Sendable, Hashable {
    public struct Branch: Sendable, Hashable {
        public var when: Expression
        public var then: Expression

        public init(when: Expression, then: Expression) {
            self.when = when
            self.then = then
        }
    }

    public var operand: Expression?
    /// Never empty.
    public var branches: [Branch]
    public var elseResult: Expression?

    public init(operand: Expression? = nil, branches: [Branch], elseResult: Expression? = nil) {
        self.operand = operand
        self.branches = branches
        self.elseResult = elseResult
    }
}
