import LakeColumnar

/// Converts a file's column to the type a dataset's unified schema gives it (see `ParquetDataset`).
enum ColumnWidening {
    /// `column` as `type`: integers to int64, numbers to float64, anything to utf8 as its text.
    /// - Throws: `file` when a value does not convert (a unified type never asks for that).
    static func convert(_ column: Column, to type: DataType, path: String) throws(SessionError) -> Column {
        if column.type == type { return column }
        var builder = ColumnBuilder(type: type, capacity: column.count)
        for row in 0..<column.count {
            let value = column.value(at: row)
            do {
                switch (value, type) {
                case (.null, _): builder.appendNull()
                case (.int(let number), .float64): try builder.append(.float64(Double(number)))
                case (.uint(let number), .float64): try builder.append(.float64(Double(number)))
                case (.float32(let number), .float64): try builder.append(.float64(Double(number)))
                case (_, .utf8):
                    if let text = ValueFormatter.text(column, row: row) {
                        try builder.append(.string(text))
                    } else {
                        builder.appendNull()
                    }
                default: try builder.append(value)
                }
            } catch {
                throw .file(path: path, reason: "cannot read \(column.type) values as \(type): \(error)")
            }
        }
        return builder.build()
    }

    /// A column of `count` nulls.
    static func nulls(_ type: DataType, count: Int) -> Column {
        var builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { builder.appendNull() }
        return builder.build()
    }
}
