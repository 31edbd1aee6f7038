import LakeColumnar
import LakeSQL
import LakeSession

/// Runs SQL scripts through a `LakeSession` and writes each statement's result, for `lake sql` and `lake shell`.
///
/// Results are written in order as each statement completes: as text (`table`, `csv`, `json`) to `output`, tables
/// separated by an empty line; or, for `parquet`, the last statement's result to `parquetPath` once the script has
/// run (earlier results are not written anywhere). Run times go to standard error when `showsTimer` is set.
///
/// Spec: spec/cli.md (`lake sql`)
struct StatementRunner {
    var session: LakeSession
    var format: ResultFormat
    var tableStyle: TableStyle
    var showsTimer: Bool
    /// Where text results go (standard output or `--output`).
    let output: TextOutput
    /// The Parquet file of `--format parquet`.
    let parquetPath: String?
    /// Results with columns written so far, to separate consecutive tables.
    private var resultsWritten = 0

    init(
        session: LakeSession, format: ResultFormat, tableStyle: TableStyle, showsTimer: Bool, output: TextOutput,
        parquetPath: String?
    ) {
        precondition(format != .parquet || parquetPath != nil, "parquet results need a file")
        self.session = session
        self.format = format
        self.tableStyle = tableStyle
        self.showsTimer = showsTimer
        self.output = output
        self.parquetPath = parquetPath
    }

    /// Runs every statement of `script` in order and writes each result; stops at the first failure (statements
    /// before it stay done). A script of only comments and semicolons does nothing.
    ///
    /// - Throws: `StatementFailure` with status 2 for a parse or bind error (message with line, column and caret,
    ///   located in `script`), 1 for a runtime failure (naming the failing statement's line when the script has
    ///   several), 1 when the output cannot be written.
    mutating func runScript(_ script: String) throws(StatementFailure) {
        var completed = 0
        var lastResult: QueryResult?
        var start = ProgressLine.monotonicNanoseconds()
        var written = resultsWritten
        let (format, style, output, showsTimer) = (self.format, tableStyle, self.output, self.showsTimer)
        let writesText = format != .parquet
        do {
            _ = try session.executeScript(script) { _, result in
                completed += 1
                if writesText {
                    try Self.write(result, format: format, style: style, to: output, after: &written)
                } else {
                    lastResult = result
                }
                if showsTimer { Self.reportTime(since: start) }
                start = ProgressLine.monotonicNanoseconds()
            }
        } catch {
            resultsWritten = written
            try? output.flush()
            throw StatementFailure(
                message: Self.message(for: error, in: script, completed: completed), status: SQLExitStatus(for: error))
        }
        resultsWritten = written
        if let parquetPath, let lastResult {
            do {
                let rows = try ParquetResultWriter.write(
                    schema: lastResult.schema, batches: lastResult.batches, toPath: parquetPath)
                ProgressLine.writeError("wrote \(rows) row\(rows == 1 ? "" : "s") to \(parquetPath)\n")
            } catch {
                throw StatementFailure(message: "error: \(error)", status: .failure)
            }
        }
        do {
            try output.flush()
        } catch {
            throw StatementFailure(message: "error: \(error)", status: .failure)
        }
    }

    /// Writes `result` in the current text format (`.schema` and `.tables` in the shell use this too).
    /// - Throws: a runtime failure when the output cannot be written.
    mutating func write(_ result: QueryResult) throws(StatementFailure) {
        do {
            try Self.write(
                result, format: format == .parquet ? .table : format, style: tableStyle, to: output,
                after: &resultsWritten)
            try output.flush()
        } catch {
            throw StatementFailure(message: "error: \(error)", status: .failure)
        }
    }

    /// Writes `result` as text; `written` counts results with columns, and a table after another gets an empty
    /// line before it.
    private static func write(
        _ result: QueryResult, format: ResultFormat, style: TableStyle, to output: TextOutput, after written: inout Int
    ) throws {
        guard !result.schema.fields.isEmpty, let layout = format.rowLayout(style: style) else { return }
        if written > 0, case .table = layout { output.writeLine("") }
        var printer = RowPrinter(layout: layout, output: output)
        printer.start(result.schema)
        for batch in result.batches { printer.print(batch) }
        printer.finish()
        written += 1
        try output.flush()
    }

    /// `Run time: 0.012 s` on standard error.
    private static func reportTime(since start: UInt64) {
        let milliseconds = (ProgressLine.monotonicNanoseconds() &- start) / 1_000_000
        let fraction = String(milliseconds % 1_000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        ProgressLine.writeError("Run time: \(milliseconds / 1_000).\(padded) s\n")
    }

    /// The session's message; for a runtime failure in a script of several statements, followed by the line the
    /// failing statement starts on (SQL errors already point into the script).
    private static func message(for error: SessionError, in script: String, completed: Int) -> String {
        if case .sql = error { return error.description }
        guard let statements = try? SQLParser.parseScriptStatements(script), statements.count > 1,
            completed < statements.count
        else { return error.description }
        let location = statements[completed].location
        return error.description + "\n --> in statement \(completed + 1), line \(location.line)"
    }
}
