import LakeExec
import LakeSQL
import LakeTable

/// Why a statement failed. `description` is the message for a terminal: SQL errors quote the offending line with a
/// caret under the offending text; the others name the table or file and the reason.
///
/// Spec: spec/session.md (errors)
public enum SessionError: Error, Sendable, CustomStringConvertible {
    /// Parsing or binding failed; `source` is the statement text the error's location points into.
    case sql(SQLError, source: String)
    /// The executor refused the plan or failed while running it.
    case execution(ExecutionError)
    /// Reading or writing a table failed (`table` is its name or path).
    case table(String, TableLogError)
    /// A file or directory outside tables (Parquet, CSV) could not be read.
    case file(path: String, reason: String)
    /// A valid statement this engine does not run, with what is missing.
    case unsupported(String)
    /// An argument outside what the statement accepts (a timestamp that does not parse, a path escaping the root).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .sql(let error, let source): error.rendered(in: source)
        case .execution(let error): "error: \(error)"
        case .table(let name, let error): "error: table \(name): \(error)"
        case .file(let path, let reason): "error: \(path): \(reason)"
        case .unsupported(let what): "error: not supported: \(what)"
        case .invalidArgument(let reason): "error: \(reason)"
        }
    }
}
