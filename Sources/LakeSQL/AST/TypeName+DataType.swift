import LakeColumnar

extension TypeName {
    /// The column type this name denotes, or nil when the name is unknown or its parameters do not fit it.
    ///
    /// Names follow DuckDB, whose results lake's are compared with: `FLOAT` is 32-bit (`REAL`), `TIMESTAMP` has no
    /// zone and `TIMESTAMPTZ` / `TIMESTAMP WITH TIME ZONE` is adjusted to UTC, both in microseconds; `DECIMAL`
    /// without parameters is `DECIMAL(18, 3)` and `DECIMAL(p)` is `DECIMAL(p, 0)`; string lengths
    /// (`VARCHAR(20)`) are accepted and ignored.
    ///
    /// Spec: spec/sql.md §2.4.
    public var dataType: DataType? {
        switch name {
        case "BOOLEAN", "BOOL", "LOGICAL": return simple(.bool)
        case "TINYINT", "INT1": return simple(.int8)
        case "SMALLINT", "INT2", "SHORT": return simple(.int16)
        case "INTEGER", "INT", "INT4", "SIGNED": return simple(.int32)
        case "BIGINT", "INT8", "LONG": return simple(.int64)
        case "UTINYINT": return simple(.uint8)
        case "USMALLINT": return simple(.uint16)
        case "UINTEGER": return simple(.uint32)
        case "UBIGINT": return simple(.uint64)
        case "REAL", "FLOAT", "FLOAT4": return simple(.float32)
        case "DOUBLE", "DOUBLE PRECISION", "FLOAT8": return simple(.float64)
        case "DECIMAL", "NUMERIC", "DEC":
            let precision = parameters.first ?? 18
            let scale = parameters.count >= 2 ? parameters[1] : (parameters.isEmpty ? 3 : 0)
            guard parameters.count <= 2, (1...DataType.decimalPrecisionMax).contains(precision),
                (0...precision).contains(scale)
            else { return nil }
            return .decimal(precision: precision, scale: scale)
        case "VARCHAR", "TEXT", "STRING", "CHAR", "CHARACTER", "CHARACTER VARYING", "BPCHAR":
            return parameters.count <= 1 ? .utf8 : nil
        case "BLOB", "BYTEA", "BINARY", "VARBINARY": return simple(.binary)
        case "DATE": return simple(.date32)
        case "TIME", "TIME WITHOUT TIME ZONE": return simple(.time(.microseconds))
        case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP_NTZ":
            return simple(.timestamp(.microseconds, utc: false))
        case "TIMESTAMP_MS": return simple(.timestamp(.milliseconds, utc: false))
        case "TIMESTAMP_NS": return simple(.timestamp(.nanoseconds, utc: false))
        case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE": return simple(.timestamp(.microseconds, utc: true))
        default: return nil
        }
    }

    private func simple(_ type: DataType) -> DataType? { parameters.isEmpty ? type : nil }
}
