import LakeColumnar

extension DataType {
    /// The SQL spelling of the type, as DuckDB writes it (`BIGINT`, `VARCHAR`, `DECIMAL(18,2)`, `TIMESTAMP WITH TIME
    /// ZONE`), which the binder also accepts in CAST, so a described type can be written back.
    ///
    /// Spec: spec/sql.md §8.2.
    public var sqlName: String {
        switch self {
        case .bool: "BOOLEAN"
        case .int8: "TINYINT"
        case .int16: "SMALLINT"
        case .int32: "INTEGER"
        case .int64: "BIGINT"
        case .uint8: "UTINYINT"
        case .uint16: "USMALLINT"
        case .uint32: "UINTEGER"
        case .uint64: "UBIGINT"
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        case .decimal(let precision, let scale): "DECIMAL(\(precision),\(scale))"
        case .utf8: "VARCHAR"
        case .binary: "BLOB"
        case .fixedSizeBinary(let width): "BLOB(\(width))"
        case .date32: "DATE"
        case .time: "TIME"
        case .timestamp(let unit, let utc):
            switch (unit, utc) {
            case (_, true):
                unit == .microseconds
                    ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP_\(unit.rawValue.uppercased()) WITH TIME ZONE"
            case (.milliseconds, false): "TIMESTAMP_MS"
            case (.nanoseconds, false): "TIMESTAMP_NS"
            default: "TIMESTAMP"
            }
        case .list(let element): element.type.sqlName + "[]"
        case .struct(let fields):
            "STRUCT(" + fields.map { "\($0.name) \($0.type.sqlName)" }.joined(separator: ", ") + ")"
        case .map(let key, let value): "MAP(\(key.type.sqlName), \(value.type.sqlName))"
        }
    }
}
