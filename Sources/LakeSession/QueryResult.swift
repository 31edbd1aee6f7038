import LakeColumnar

/// What one statement returns: a query's rows, or a command's summary as a small table (`OPTIMIZE` reports the
/// files it added and removed, `CREATE TABLE AS` the rows written, `DESCRIBE` one row per column).
///
/// Every batch has `schema`. Rows come in the order the statement defines (ORDER BY), else in an order that is
/// deterministic for the same data and options.
///
/// Spec: spec/session.md (results)
public struct QueryResult: Sendable {
    public var schema: Schema
    public var batches: [Batch]

    public init(schema: Schema, batches: [Batch]) {
        self.schema = schema
        self.batches = batches
    }

    /// Rows over all batches.
    public var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }

    /// A one-row result of named values, for command summaries.
    public static func summary(_ values: [(name: String, value: Value, type: DataType)]) -> QueryResult {
        let schema = Schema(values.map { Field($0.name, $0.type, nullable: true) })
        var columns: [Column] = []
        for entry in values {
            var builder = ColumnBuilder(type: entry.type, capacity: 1)
            // A summary's values are built by the session itself with matching types; a mismatch appends null.
            do { try builder.append(entry.value) } catch { builder.appendNull() }
            columns.append(builder.build())
        }
        return QueryResult(schema: schema, batches: columns.isEmpty ? [] : [Batch(schema: schema, columns: columns)])
    }
}
