import LakeSQL

extension LakeSession {
    /// Runs a command statement (everything but queries and EXPLAIN) and returns its result table: the rows of
    /// DESCRIBE and DESCRIBE HISTORY, or a one-row summary of what a write did (`version` committed, NULL when
    /// nothing was committed, then row and file counts).
    ///
    /// Every write commits at most once per table and only after the rows it writes are computed, so a failing
    /// statement leaves the table as it was (data files it wrote stay as orphans until VACUUM). Writes are stamped
    /// with `clock`.
    /// - Throws: `.table` for log failures (conflicts, retention too short, a version that does not exist),
    ///   `.execution` when an expression of the statement fails, `.unsupported` for shapes no table operation
    ///   implements (saying what is missing), `.invalidArgument` for bad arguments.
    ///
    /// Spec: spec/session.md (commands)
    func executeCommand(_ statement: BoundStatement) throws(SessionError) -> QueryResult {
        switch statement {
        case .query(let plan):
            return try run(plan)
        case .explain:
            return try execute(statement)
        case .describe(let table):
            return describe(table)
        case .describeHistory(let handle, let limit):
            return try describeHistory(handle, limit: limit)
        case .showTables(let schema):
            return try showTables(in: schema)
        case .optimize(let command):
            return try optimize(command)
        case .vacuum(let handle, let retentionHours, let isDryRun):
            return try vacuum(handle, retentionHours: retentionHours, isDryRun: isDryRun)
        case .restore(let handle, let target):
            return try restore(handle, to: target)
        case .createTableAs(let command):
            return try createTable(command)
        case .insertInto(let command):
            return try insert(command)
        case .deleteFrom(let command):
            return try delete(command)
        case .update(let command):
            return try update(command)
        case .merge(let command):
            return try merge(command)
        }
    }
}
