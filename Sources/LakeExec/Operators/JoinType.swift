/// Kinds of hash join. Semi and anti output only the left (probe) columns: each left row once when it has (semi)
/// or has no (anti) matching right row. Null keys never match.
public enum JoinType: String, Sendable, Hashable, CaseIterable {
    case inner, left, right, full, semi, anti
}
