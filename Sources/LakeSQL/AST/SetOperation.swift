/// `left UNION [ALL] right`, `INTERSECT`, `EXCEPT`.
///
/// INTERSECT binds tighter than UNION and EXCEPT; operators of one level associate to the left.
///
/// Spec: spec/sql.md §2.2.
public struct SetOperation: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable {
        case union = "UNION"
        case intersect = "INTERSECT"
        case except = "EXCEPT"

        var precedence: Int { self == .intersect ? 2 : 1 }
    }

    public var op: Operator
    /// `ALL` keeps duplicates; without it (or with `DISTINCT`) the result is distinct.
    public var isAll: Bool
    public var left: QueryBody
    public var right: QueryBody

    public init(_ op: Operator, isAll: Bool, left: QueryBody, right: QueryBody) {
        self.op = op
        self.isAll = isAll
        self.left = left
        self.right = right
    }
}
