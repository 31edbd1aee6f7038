/// Why a warehouse operation failed. Messages never contain passwords: connection texts are redacted before they
/// are stored here.
///
/// Spec: spec/warehouse.md §7 (errors).
public enum WarehouseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be opened or was lost.
    case connection(String)
    /// The server rejected a statement; `sqlState` is PostgreSQL's five-character code when known.
    case server(sqlState: String?, message: String)
    /// A connection URL or key/value string that libpq cannot parse.
    case invalidURL(String)
    /// A table or column name that PostgreSQL cannot hold exactly (empty, a NUL byte, longer than 63 bytes).
    case invalidIdentifier(String)
    /// A column type with no PostgreSQL mapping (nested types).
    case unsupportedType(column: String, type: String)
    /// The target column's type cannot hold the source column's values exactly.
    case typeMismatch(column: String, source: String, target: String)
    /// The input has a column the target table lacks.
    case missingColumn(table: String, column: String)
    /// A value the target type cannot represent (e.g. a date before the supported range).
    case valueOutOfRange(column: String, row: Int, reason: String)
    /// Reading the input batches failed (the source's own error, as text).
    case source(String)
    /// Bytes from the server that do not follow the binary COPY format.
    case malformedCopyData(String)
    /// A migration folder or file that cannot be applied.
    case migration(file: String, reason: String)
    /// The load options do not fit the target table (no key for insert-missing, unknown key column, ...).
    case invalidLoad(String)

    public var description: String {
        switch self {
        case .connection(let reason): "warehouse connection failed: \(reason)"
        case .server(let state, let message): "PostgreSQL error\(state.map { " \($0)" } ?? ""): \(message)"
        case .invalidURL(let reason): "invalid warehouse URL: \(reason)"
        case .invalidIdentifier(let name): "invalid SQL identifier \"\(name)\""
        case .unsupportedType(let column, let type): "column \(column): type \(type) has no PostgreSQL mapping"
        case .typeMismatch(let column, let source, let target):
            "column \(column): \(source) values do not fit the target column of type \(target)"
        case .missingColumn(let table, let column): "table \(table) has no column \(column)"
        case .valueOutOfRange(let column, let row, let reason): "column \(column), row \(row): \(reason)"
        case .source(let reason): "reading the input failed: \(reason)"
        case .malformedCopyData(let reason): "malformed binary COPY data: \(reason)"
        case .migration(let file, let reason): "migration \(file): \(reason)"
        case .invalidLoad(let reason): "invalid load: \(reason)"
        }
    }
}
