import LakeColumnar
import LakeSession

extension QueryResult {
    /// The first row's values by column name, as text (`NULL` for null), for checking command summaries.
    var summaryValues: [String: String] {
        guard let batch = batches.first(where: { $0.rowCount > 0 }) else { return [:] }
        var values: [String: String] = [:]
        for (field, column) in zip(schema.fields, batch.columns) {
            values[field.name] = ValueFormatter.text(column, row: 0) ?? "NULL"
        }
        return values
    }

    /// The values of column `name` in every row, as text (`NULL` for null).
    func columnValues(_ name: String) -> [String] {
        guard let index = schema.fields.firstIndex(where: { $0.name == name }) else { return [] }
        return batches.flatMap { batch in
            (0..<batch.rowCount).map { ValueFormatter.text(batch.columns[index], row: $0) ?? "NULL" }
        }
    }
}

extension LakeSession {
    /// The rows of `sql` as text, sorted, for order-independent checks.
    func sortedRows(_ sql: String) throws -> [[String]] {
        TemporaryLake.rows(try execute(sql)).sorted {
            $0.joined(separator: "|") < $1.joined(separator: "|")
        }
    }

    /// The operations of the table's commits, newest first.
    func operations(_ table: String) throws -> [String] {
        try execute("DESCRIBE HISTORY \(table)").columnValues("operation")
    }
}
