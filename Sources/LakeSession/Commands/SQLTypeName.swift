import LakeColumnar

/// The SQL spelling of column types in DESCRIBE output: DuckDB's names (`BIGINT`, `VARCHAR`, `DECIMAL(18,2)`,
/// `TIMESTAMP WITH TIME ZONE`), which the binder also accepts in CAST, so a described type can be written back.
///
/// Spec: spec/session.md (commands)
enum SQLTypeName {
    static func of(_ type: DataType) -> String {
        switch type {
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
        case .list(let element): of(element.type) + "[]"
        case .struct(let fields):
            "STRUCT(" + fields.map { "\($0.name) \(of($0.type))" }.joined(separator: ", ") + ")"
        case .map(let key, let value): "MAP(\(of(key.type)), \(of(value.type)))"
        }
    }
}
