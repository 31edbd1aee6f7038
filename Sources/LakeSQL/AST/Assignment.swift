/// `column = value` in UPDATE and MERGE; the column may be qualified (`t.price`).
///
/// Spec: spec/sql.md §2.1.
public struct Assignment: Sendable, Hashable {
    public var column: ObjectName
    public var value: Expression

    public init(column: ObjectName, value: Expression) {
        self.column = column
        self.value = value
    }
}
