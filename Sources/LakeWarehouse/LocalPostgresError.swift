/// Why a `LocalPostgres` server could not be prepared, started or stopped.
///
/// Kept apart from `WarehouseError`, which is about talking to a server: these are about running one (programs,
/// folders, OS users). A failure of the libpq layer while creating the database arrives as `warehouse`.
///
/// Spec: spec/warehouse.md §9 (local server).
public enum LocalPostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The PostgreSQL programs `tools` are not executable files in `directory`.
    case binariesMissing(directory: String, tools: [String])
    /// Running as root needs an OS user to own the server (PostgreSQL refuses to run as root), and it is absent.
    case serverUserMissing(name: String)
    /// The server's folder cannot be created or used.
    case unusableDirectory(path: String, reason: String)
    /// A setting that cannot be passed to the server safely (only `[A-Za-z0-9_.:-]` is allowed).
    case invalidSetting(name: String, value: String)
    /// A program exited with a failure status; `output` is what it printed (stdout and stderr).
    case commandFailed(command: String, exitStatus: Int32, output: String)
    /// `pg_ctl start` failed every attempt; `logTail` is the end of the server log.
    case startFailed(attempts: Int, reason: String, logTail: String)
    /// A system call failed; `code` is its errno.
    case system(call: String, code: Int32)
    /// The operation needs a running server.
    case notRunning
    /// Connecting to the started server or creating the database failed.
    case warehouse(WarehouseError)

    public var description: String {
        switch self {
        case .binariesMissing(let directory, let tools):
            "PostgreSQL programs \(tools.joined(separator: ", ")) not found in \(directory); install PostgreSQL "
                + "15 (Debian/Ubuntu: apt-get install postgresql-15) or set "
                + "\(LocalPostgres.binariesEnvironmentVariable) to the folder holding initdb, pg_ctl and postgres"
        case .serverUserMissing(let name):
            "running as root, the local PostgreSQL server must run as the OS user \(name), which does not exist "
                + "(create it, or run lake as an ordinary user)"
        case .unusableDirectory(let path, let reason): "local PostgreSQL folder \(path): \(reason)"
        case .invalidSetting(let name, let value): "invalid PostgreSQL setting \(name) = \(value)"
        case .commandFailed(let command, let status, let output):
            "`\(command)` exited with status \(status): \(output.trimmingNewlines())"
        case .startFailed(let attempts, let reason, let logTail):
            "the local PostgreSQL server did not start (\(attempts) attempts): \(reason)"
                + (logTail.isEmpty ? "" : "\nserver log:\n\(logTail.trimmingNewlines())")
        case .system(let call, let code): "\(call) failed: \(LocalPostgres.errorText(code))"
        case .notRunning: "the local PostgreSQL server is not running"
        case .warehouse(let error): "\(error)"
        }
    }
}
