extension SQLFormatter {
    func statementText(_ statement: Statement, indent: String) -> String {
        let newline = "\n" + indent
        switch statement {
        case .query(let query):
            return queryText(query, indent: indent)
        case .explain(let inner):
            return "EXPLAIN " + statementText(inner, indent: indent)
        case .describe(let table):
            return "DESCRIBE " + tableText(table)
        case .describeHistory(let table, let limit):
            return "DESCRIBE HISTORY " + tableText(table) + (limit.map { " LIMIT \($0)" } ?? "")
        case .showTables(let schema):
            return "SHOW TABLES" + (schema.map { " FROM " + SQLFormatter.quoted($0) } ?? "")
        case .optimize(let optimize):
            var text = "OPTIMIZE " + tableText(optimize.table)
            if let filter = optimize.filter { text += " WHERE " + expressionText(filter) }
            if !optimize.zOrderBy.isEmpty { text += " ZORDER BY " + identifierList(optimize.zOrderBy) }
            return text
        case .vacuum(let vacuum):
            var text = "VACUUM " + tableText(vacuum.table)
            if let hours = vacuum.retentionHours { text += " RETAIN \(hours) HOURS" }
            if vacuum.isDryRun { text += " DRY RUN" }
            return text
        case .restore(let restore):
            return "RESTORE TABLE " + tableText(restore.table) + " TO " + timeTravelText(restore.target)
        case .createTable(let create):
            var text = "CREATE " + (create.orReplace ? "OR REPLACE " : "") + "TABLE "
            text += (create.ifNotExists ? "IF NOT EXISTS " : "") + tableText(create.table)
            if !create.partitionedBy.isEmpty { text += " PARTITIONED BY " + identifierList(create.partitionedBy) }
            return text + " AS" + newline + queryText(create.query, indent: indent)
        case .insert(let insert):
            var text = (insert.isOverwrite ? "INSERT OVERWRITE " : "INSERT INTO ") + tableText(insert.table)
            if !insert.columns.isEmpty { text += " " + identifierList(insert.columns) }
            return text + newline + queryText(insert.source, indent: indent)
        case .delete(let delete):
            return "DELETE FROM " + tableText(delete.table)
                + (delete.filter.map { " WHERE " + expressionText($0) } ?? "")
        case .update(let update):
            var text = "UPDATE " + tableText(update.table)
            if let alias = update.alias { text += " AS " + SQLFormatter.quoted(alias) }
            text += " SET " + assignmentsText(update.assignments)
            return text + (update.filter.map { " WHERE " + expressionText($0) } ?? "")
        case .merge(let merge):
            var text = "MERGE INTO " + tableText(merge.target)
            if let alias = merge.targetAlias { text += " AS " + SQLFormatter.quoted(alias) }
            text += newline + "USING " + tableReferenceText(merge.source, indent: indent)
            text += newline + "ON " + expressionText(merge.condition)
            for clause in merge.clauses {
                text += newline + mergeClauseText(clause)
            }
            return text
        }
    }

    private func mergeClauseText(_ clause: MergeClause) -> String {
        var text = "WHEN " + clause.match.rawValue
        if let condition = clause.condition { text += " AND " + expressionText(condition) }
        text += " THEN "
        switch clause.action {
        case .update(let assignments): text += "UPDATE SET " + assignmentsText(assignments)
        case .updateAll: text += "UPDATE SET *"
        case .delete: text += "DELETE"
        case .insert(let columns, let values):
            text += "INSERT " + (columns.isEmpty ? "" : identifierList(columns) + " ")
            text += "VALUES (" + values.map { expressionText($0) }.joined(separator: ", ") + ")"
        case .insertAll: text += "INSERT *"
        }
        return text
    }

    private func assignmentsText(_ assignments: [Assignment]) -> String {
        assignments.map { $0.column.description + " = " + expressionText($0.value) }.joined(separator: ", ")
    }

    func tableText(_ table: TableIdentifier) -> String {
        switch table {
        case .name(let name): name.description
        case .path(let path): SQLFormatter.quoted(string: path)
        }
    }

    func timeTravelText(_ timeTravel: TimeTravel) -> String {
        switch timeTravel {
        case .version(let version): "VERSION AS OF \(version)"
        case .timestamp(let text): "TIMESTAMP AS OF " + SQLFormatter.quoted(string: text)
        }
    }

    func identifierList(_ names: [Identifier]) -> String {
        "(" + names.map { SQLFormatter.quoted($0) }.joined(separator: ", ") + ")"
    }
}
