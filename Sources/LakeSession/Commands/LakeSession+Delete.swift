import LakeColumnar
import LakeParquet
import LakeSQL
import LakeTable

extension LakeSession {
    /// `DELETE FROM t [WHERE p]`, in one commit.
    ///
    /// Without WHERE, or when `p` is a conjunction of columns compared with constants of their type, the delete is
    /// LakeTable's (`Table.delete(where:)`: files pruned by partition values and statistics, only files holding
    /// matching rows rewritten, a `DELETE` commit). Any other predicate is evaluated by the executor and the table
    /// rewritten without the rows where it is TRUE (`rewriteTable`; rows where it is NULL stay).
    ///
    /// Summary: `version` (NULL when no row matched), `num_affected_rows` (rows deleted), `num_added_files`,
    /// `num_removed_files`.
    func delete(_ command: DeleteCommand) throws(SessionError) -> QueryResult {
        let name = command.table.handle.identity
        let conjunction: [ParquetPredicate]? =
            command.predicate.map {
                ParquetPredicateTranslation.conjunction($0, schema: command.table.schema)
            } ?? []
        if let conjunction {
            let table = try deltaTable(command.table.handle, for: "DELETE")
            let prepared = try tableCall(name) { () throws(TableLogError) in
                try table.prepareDelete(where: conjunction)
            }
            guard let transaction = prepared else {
                return CommandSummary(
                    version: nil,
                    [("num_affected_rows", 0), ("num_added_files", 0), ("num_removed_files", 0)]
                ).result
            }
            let files = FileChanges(transaction.actions)
            let outcome = try tableCall(name) { () throws(TableLogError) in try transaction.commit() }
            let metrics = try tableCall(name) { () throws(TableLogError) in
                try commitMetrics(of: table, version: outcome.version)
            }
            return CommandSummary(
                version: outcome.version,
                [
                    ("num_affected_rows", metrics.count("numDeletedRows")),
                    ("num_added_files", files.addedCount),
                    ("num_removed_files", files.removedCount),
                ]
            ).result
        }
        let predicate = command.predicate ?? .literal(.bool(true), .bool)
        let fields = command.table.schema.fields
        var items = fields.enumerated().map {
            ProjectionItem(.column($0.offset, $0.element.type), name: $0.element.name)
        }
        items.append(ProjectionItem(Self.isTrue(predicate), name: "deleted"))
        let outcome = try rewriteTable(
            command.table, statement: "DELETE", items: items, dropsFlagged: true)
        return CommandSummary(
            version: outcome.version,
            [
                ("num_affected_rows", outcome.flaggedRows), ("num_added_files", outcome.files.addedCount),
                ("num_removed_files", outcome.files.removedCount),
            ]
        ).result
    }

    /// `CASE WHEN predicate THEN TRUE ELSE FALSE END`: TRUE exactly where the predicate is TRUE, never NULL.
    static func isTrue(_ predicate: BoundExpression) -> BoundExpression {
        BoundExpression(
            .caseWhen(
                [BoundCaseBranch(condition: predicate, result: .literal(.bool(true), .bool))],
                elseResult: .literal(.bool(false), .bool)),
            type: .bool)
    }
}
