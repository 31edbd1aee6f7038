/// Limits on SQL text, so hostile or generated input fails with an error instead of exhausting the stack or memory.
///
/// Spec: spec/sql.md §5.
public enum SQLLimits {
    /// The longest script `SQLParser.parseScript` accepts, in UTF-8 bytes.
    public static let textBytesMax = 16 << 20
    /// How deeply expressions, subqueries, set operations and joins may nest. Each parenthesis, subquery and each
    /// operator of a left-associative chain (`a + b + c` is two levels) counts one level, so this also bounds the
    /// depth of the syntax tree that the formatter and later stages walk recursively.
    ///
    /// Measured at the limit (250 nested parentheses or 120 nested subqueries): parsing needs under 1 MiB of stack
    /// in a release build and under 2 MiB in a debug build; the main thread and the default threads on Linux have
    /// 8 MiB. A generated filter with hundreds of `OR` terms exceeds the limit; `IN (...)` lists have no depth.
    public static let nestingDepthMax = 256
    /// The most statements one script may hold.
    public static let statementsMax = 10_000
}
