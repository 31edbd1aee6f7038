import LakeColumnar
import LakeSQL
import LakeTable

extension LakeSession {
    /// `UPDATE t SET a = x, ... [WHERE p]`: the executor computes every row's new values (`CASE WHEN p THEN x ELSE
    /// a END` for each assigned column) and the table is rewritten in one overwrite commit (`rewriteTable`).
    /// LakeTable has no row-level update, so even a one-row update rewrites the table; rows where `p` is NULL keep
    /// their values.
    ///
    /// Summary: `version` (NULL when no row matched), `num_affected_rows` (rows updated), `num_added_files`,
    /// `num_removed_files`.
    func update(_ command: UpdateCommand) throws(SessionError) -> QueryResult {
        let fields = command.table.schema.fields
        var items = fields.enumerated().map {
            ProjectionItem(.column($0.offset, $0.element.type), name: $0.element.name)
        }
        for assignment in command.assignments where items.indices.contains(assignment.column) {
            let field = fields[assignment.column]
            var value = assignment.value
            if value.type != field.type {
                value = BoundExpression(.cast(value, isTry: false), type: field.type)
            }
            if let predicate = command.predicate {
                value = BoundExpression(
                    .caseWhen(
                        [BoundCaseBranch(condition: predicate, result: value)],
                        elseResult: .column(assignment.column, field.type)),
                    type: field.type)
            }
            items[assignment.column] = ProjectionItem(value, name: field.name)
        }
        let flag = command.predicate.map(Self.isTrue) ?? .literal(.bool(true), .bool)
        items.append(ProjectionItem(flag, name: "updated"))
        let outcome = try rewriteTable(
            command.table, statement: "UPDATE", items: items, dropsFlagged: false)
        return CommandSummary(
            version: outcome.version,
            [
                ("num_affected_rows", outcome.flaggedRows), ("num_added_files", outcome.files.addedCount),
                ("num_removed_files", outcome.files.removedCount),
            ]
        ).result
    }
}
