/// Columns of equal length under a schema: the unit that flows between readers, operators and writers.
public struct Batch: Sendable, Equatable {
    public let schema: Schema
    public let columns: [Column]
    public let rowCount: Int

    /// - Precondition: one column per field, each of the field's type and of equal length; non-nullable
    ///   fields have no nulls.
    public init(schema: Schema, columns: [Column]) {
        precondition(schema.fields.count == columns.count, "\(columns.count) columns for \(schema.fields.count) fields")
        let rowCount = columns.first?.count ?? 0
        for (field, column) in zip(schema.fields, columns) {
            precondition(field.type == column.type, "column '\(field.name)' is \(column.type), field says \(field.type)")
            precondition(column.count == rowCount, "column '\(field.name)' has \(column.count) rows, expected \(rowCount)")
            precondition(field.isNullable || column.nullCount == 0, "non-nullable column '\(field.name)' holds nulls")
        }
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    /// A batch with no columns and `rowCount` rows (e.g. `SELECT count(*)` needs no values).
    public init(rowCount: Int) {
        schema = Schema([])
        columns = []
        self.rowCount = rowCount
    }

    /// The column named `name`, if any.
    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// Rows `range` of every column.
    public func slice(_ range: Range<Int>) -> Batch {
        if columns.isEmpty { return Batch(rowCount: range.count) }
        return Batch(schema: schema, columns: columns.map { $0.slice(range) })
    }

    /// The batch restricted to the columns at `indices`, in that order.
    public func projecting(_ indices: [Int]) -> Batch {
        if indices.isEmpty { return Batch(rowCount: rowCount) }
        return Batch(schema: schema.projecting(indices), columns: indices.map { columns[$0] })
    }
}
