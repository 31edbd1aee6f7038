/// Why `lake sql` or `lake shell` stops: the message for standard error and the exit status.
struct StatementFailure: Error {
    /// The terminal message, starting with `error:`; SQL errors quote the offending line with a caret.
    let message: String
    let status: SQLExitStatus
}
