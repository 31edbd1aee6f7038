/// One `WHEN [NOT] MATCHED [BY SOURCE | BY TARGET] [AND condition] THEN action` of a MERGE.
///
/// The parser allows UPDATE and DELETE for `.matched` and `.notMatchedBySource`, INSERT for `.notMatched`.
///
/// Spec: spec/sql.md §2.1.
public struct MergeClause: Sendable, Hashable {
    /// Which rows the clause applies to.
    public enum Match: String, Sendable, Hashable {
        /// `WHEN MATCHED`: a target row with a source row.
        case matched = "MATCHED"
        /// `WHEN NOT MATCHED [BY TARGET]`: a source row without a target row.
        case notMatched = "NOT MATCHED"
        /// `WHEN NOT MATCHED BY SOURCE`: a target row without a source row.
        case notMatchedBySource = "NOT MATCHED BY SOURCE"
    }

    public enum Action: Sendable, Hashable {
        /// `UPDATE SET a = x, ...`.
        case update([Assignment])
        /// `UPDATE SET *`: every target column from the source column of the same name.
        case updateAll
        case delete
        /// `INSERT [(columns)] VALUES (values)`.
        case insert(columns: [Identifier], values: [Expression])
        /// `INSERT *`.
        case insertAll
    }

    public var match: Match
    public var condition: Expression?
    public var action: Action

    public init(_ match: Match, and condition: Expression? = nil, then action: Action) {
        self.match = match
        self.condition = condition
        self.action = action
    }
}
