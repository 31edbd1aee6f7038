import LakeColumnar

extension DataType {
    /// The SQL spelling of this type, as DuckDB writes it (`BIGINT`, `VARCHAR`, `DECIMAL(18,3)`,
    /// `TIMESTAMP WITH TIME ZONE`), for `.schema` in `lake shell`. Types SQL has no name for keep lake's name.
    var sqlName: String {
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
        case .binary, .fixedSizeBinary: "BLOB"
        case .date32: "DATE"
        case .time: "TIME"
        case .timestamp(let unit, let utc):
            utc
                ? "TIMESTAMP WITH TIME ZONE"
                : unit == .milliseconds ? "TIMESTAMP_MS" : unit == .nanoseconds ? "TIMESTAMP_NS" : "TIMESTAMP"
        case .list(let element): element.type.sqlName + "[]"
        case .struct(let fields):
            "STRUCT(" + fields.map { "\($0.name) \($0.type.sqlName)" }.joined(separator: ", ") + ")"
        case .map(let key, let value): "MAP(\(key.type.sqlName), \(value.type.sqlName))"
        }
    }
}
