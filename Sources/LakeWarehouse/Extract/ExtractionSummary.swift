import LakeColumnar

/// What one extraction read.
public struct ExtractionSummary: Sendable, Hashable {
    /// The schema of every batch handed to the receiver.
    public var schema: Schema
    /// The extracted columns, with their PostgreSQL types.
    public var columns: [ExtractColumn]
    public var rowCount: Int
    /// The largest cursor value among the extracted rows, in PostgreSQL's text form (read in the same snapshot
    /// as the rows), to pass as the next request's `ExtractionCursor.after`. nil without a cursor, or when no
    /// extracted row has a non-NULL cursor value (keep the previous value then).
    public var cursorValue: String?
    /// The `COPY` statement that was run (identifiers only; the cursor value travels as a parameter).
    public var statement: String

    public init(schema: Schema, columns: [ExtractColumn], rowCount: Int, cursorValue: String?, statement: String) {
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
        self.cursorValue = cursorValue
        self.statement = statement
    }
}
