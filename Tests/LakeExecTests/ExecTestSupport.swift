import LakeColumnar
import LakeCore
import LakeExec

/// A column of `type` from row values (`.null` for nulls).
func makeColumn(_ type: DataType, _ values: [Value]) -> Column {
    var builder = ColumnBuilder(type: type)
    for value in values {
        do {
            try builder.append(value)
        } catch {
            preconditionFailure("test value \(value) does not fit \(type)")
        }
    }
    return builder.build()
}

/// A batch from (name, column) pairs; every field nullable.
func makeBatch(_ columns: [(String, Column)]) -> Batch {
    Batch(schema: Schema(columns.map { Field($0.0, $0.1.type) }), columns: columns.map(\.1))
}

/// Every row of `column` as values.
func values(_ column: Column) -> [Value] {
    (0..<column.count).map { column.value(at: $0) }
}

/// Every row of `batches` as value rows.
func rows(_ batches: [Batch]) -> [[Value]] {
    batches.flatMap { batch in
        (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } }
    }
}

/// Evaluates `expression` against `batch`.
func evaluate(_ expression: Expression, _ batch: Batch) throws -> [Value] {
    values(try expression.bound(to: batch.schema).evaluate(batch))
}

/// A one-column batch named "x".
func single(_ type: DataType, _ items: [Value]) -> Batch {
    makeBatch([("x", makeColumn(type, items))])
}

extension Value {
    static func days(_ year: Int64, _ month: Int64, _ day: Int64) -> Value {
        .int(CivilCalendar.days(year: year, month: month, day: day))
    }

    /// A timestamp in microseconds.
    static func micros(
        _ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64 = 0, _ minute: Int64 = 0,
        _ second: Int64 = 0, _ fraction: Int64 = 0
    ) -> Value {
        let days = CivilCalendar.days(year: year, month: month, day: day)
        return .int(((days * 24 + hour) * 60 + minute) * 60_000_000 + second * 1_000_000 + fraction)
    }
}

/// `rows` (values in `schema` order) cut into batches of at most `batchRows` rows.
func makeBatches(_ rows: [[Value]], schema: Schema, batchRows: Int) -> [Batch] {
    stride(from: 0, to: rows.count, by: batchRows).map { start in
        let chunk = rows[start..<min(rows.count, start + batchRows)]
        return Batch(
            schema: schema,
            columns: schema.fields.enumerated().map { index, field in
                makeColumn(field.type, chunk.map { $0[index] })
            })
    }
}
