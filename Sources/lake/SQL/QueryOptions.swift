import ArgumentParser
import LakeExec
import LakeSession

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The options `lake sql` and `lake shell` share: where the lake is, how results are written, and the executor's
/// limits.
///
/// Spec: spec/cli.md (`lake sql`)
struct QueryOptions: ParsableArguments {
    @Option(help: "The lake root directory (default: $LAKE_ROOT, else the current directory).")
    var root: String?

    @Option(help: "Result format: table, csv, json (JSON lines) or parquet (needs --output).")
    var format: ResultFormat = .table

    @Option(help: "Write results to this file instead of standard output (required for parquet).")
    var output: String?

    @Option(help: "Rows a table shows at most; the footer counts the rest.")
    var maxRows: Int = 1_000

    @Flag(help: "Show long text in tables in full (by default cut at 60 characters with '…').")
    var wide = false

    @Flag(help: "Print each statement's run time on standard error.")
    var timer = false

    @Option(help: "Memory for hash tables, sorts and windows, e.g. 2GiB or 512MB (default 4GiB).")
    var memoryLimit: ByteCount?

    @Option(help: "Worker threads for parallel operators (default: the number of processors).")
    var threads: Int?

    func validate() throws {
        guard maxRows >= 0 else { throw ValidationError("--max-rows must be 0 or more, found \(maxRows)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, found \(threads)") }
        if format == .parquet && output == nil {
            throw ValidationError("--format parquet writes a file: give it with --output FILE")
        }
    }

    /// `--root`, else `$LAKE_ROOT` when set and not empty, else the current directory.
    var rootPath: String {
        if let root { return root }
        if let variable = getenv("LAKE_ROOT") {
            let value = String(cString: variable)
            if !value.isEmpty { return value }
        }
        return "."
    }

    /// The executor's options from `--memory-limit` and `--threads`.
    var executionOptions: ExecutionOptions {
        ExecutionOptions(
            memoryLimitBytes: memoryLimit?.bytes ?? ExecutionOptions.defaultMemoryLimitBytes, parallelism: threads)
    }

    /// The table layout's limits from `--max-rows` and `--wide`.
    var tableStyle: TableStyle {
        TableStyle(rowsMax: maxRows, cellCharactersMax: wide ? nil : TableStyle.cellCharactersDefault)
    }

    /// A session over the lake root.
    /// - Throws: a usage failure when the root is not a directory.
    func makeSession() throws(StatementFailure) -> LakeSession {
        do {
            return try LakeSession(root: rootPath, options: executionOptions)
        } catch {
            let status: SQLExitStatus = if case .invalidArgument = error { .usage } else { SQLExitStatus(for: error) }
            throw StatementFailure(message: error.description, status: status)
        }
    }

    /// Runs statements over a new session, writing results as these options say.
    /// - Throws: a usage failure for a bad root, a runtime failure when `--output` cannot be created.
    func makeRunner() throws(StatementFailure) -> StatementRunner {
        let session = try makeSession()
        var textOutput = TextOutput.standardOutput()
        if let output, format != .parquet {
            do {
                textOutput = try TextOutput.creatingFile(atPath: output)
            } catch {
                throw StatementFailure(message: "error: \(error)", status: .failure)
            }
        }
        return StatementRunner(
            session: session, format: format, tableStyle: tableStyle, showsTimer: timer, output: textOutput,
            parquetPath: format == .parquet ? output : nil)
    }
}
