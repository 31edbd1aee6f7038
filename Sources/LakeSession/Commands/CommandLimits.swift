/// Limits of the session's write commands.
///
/// Spec: spec/session.md (commands)
enum CommandLimits {
    /// How often a DELETE, UPDATE or MERGE that computes its rows with the executor starts over when another
    /// writer committed between its read and its write (each attempt reads the table again).
    static let rewriteAttemptsMax = 3
}
