import LakeSQL
import LakeSession

/// The exit statuses of `lake sql` and `lake shell`, which scripts may rely on.
///
/// Spec: spec/cli.md (`lake sql`, exit status)
enum SQLExitStatus: Int32 {
    case success = 0
    /// A runtime failure: I/O, a table that cannot be read or written, the executor (memory limit, overflow).
    case failure = 1
    /// The SQL text does not parse or bind: a syntax error, an unknown table, column or function, a type error.
    case sqlError = 2
    /// The command line is wrong: an unknown option, a bad value, a lake root that is not a directory.
    case usage = 64

    /// The status a failed statement ends the command with.
    init(for error: SessionError) {
        switch error {
        case .sql(let sqlError, _):
            // A table whose log or files cannot be read fails during binding, but it is an I/O failure.
            if case .catalogFailure = sqlError.kind {
                self = .failure
            } else {
                self = .sqlError
            }
        case .execution, .table, .file, .unsupported, .invalidArgument:
            self = .failure
        }
    }
}
