/// Why a warehouse operation failed. Messages never contain passwords.
public enum WarehouseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be opened or was lost.
    case connection(String)
    /// The server rejected a statement; `sqlState` is PostgreSQL's five-character code when known.
    case server(sqlState: String?, message: String)

    public var description: String {
        switch self {
        case .connection(let reason): "warehouse connection failed: \(reason)"
        case .server(let state, let message): "PostgreSQL error\(state.map { " \($0)" } ?? ""): \(message)"
        }
    }
}
