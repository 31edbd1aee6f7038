import LakeColumnar
import LakeSQL
import LakeSession

/// The read-run loop of `lake shell`.
///
/// Lines are collected until they form complete input (`SQLParser.isCompleteInput`: statements ending with `;`
/// outside strings and comments), which then runs as a script. A line starting with `.` when no statement is
/// pending is a dot-command (`ShellDotCommand`). At the end of input, pending text runs as if it ended with `;`.
///
/// Interactive (standard input is a terminal): prompts `lake> ` and `   -> ` on standard output, history appended
/// to `ShellHistory`, and a failure prints its message and the loop goes on. Otherwise (input from a pipe or file) it
/// behaves like `lake sql` reading standard input, with dot-commands: no prompts, no history, and the first failure
/// ends the loop with that failure's exit status.
///
/// Spec: spec/cli.md (`lake shell`)
struct Shell {
    var runner: StatementRunner
    let isInteractive: Bool
    var history: ShellHistory?

    static let prompt = "lake> "
    static let continuationPrompt = "   -> "

    /// Runs until `.quit` or the end of input; returns the status the process ends with.
    mutating func run() -> SQLExitStatus {
        var pending = ""
        while true {
            if isInteractive { showPrompt(pending.isEmpty ? Self.prompt : Self.continuationPrompt) }
            guard let line = StandardInput.readLine() else { break }
            if pending.isEmpty {
                let trimmed = line.trimmingWhitespace()
                if trimmed.isEmpty { continue }
                if trimmed.hasPrefix(".") {
                    history?.append(trimmed)
                    do {
                        let command = try ShellDotCommand(parsing: trimmed)
                        if command == .quit { return .success }
                        try perform(command)
                    } catch {
                        if let status = report(error) { return status }
                    }
                    continue
                }
            }
            pending += pending.isEmpty ? line : "\n" + line
            guard SQLParser.isCompleteInput(pending) else { continue }
            if let status = runPending(&pending) { return status }
        }
        if isInteractive { showPrompt("\n") }
        if !pending.trimmingWhitespace().isEmpty, let status = runPending(&pending) { return status }
        return .success
    }

    /// Runs and clears `pending`; a status when the loop must end.
    private mutating func runPending(_ pending: inout String) -> SQLExitStatus? {
        let script = pending
        pending = ""
        history?.append(script)
        do {
            try runner.runScript(script)
            return nil
        } catch {
            return report(error)
        }
    }

    private mutating func perform(_ command: ShellDotCommand) throws(StatementFailure) {
        switch command {
        case .tables:
            let names = runner.session.catalog.tableNames()
            try runner.write(QueryResult(columns: [("name", Column.utf8(names))]))
        case .schema(let name):
            let statement: BoundStatement
            do {
                statement = try runner.session.bind("SELECT * FROM \(name)")
            } catch {
                throw StatementFailure(message: error.description, status: SQLExitStatus(for: error))
            }
            guard case .query(let plan) = statement else {
                throw StatementFailure(message: "error: \(name) is not a table", status: .sqlError)
            }
            let fields = plan.schema.fields
            try runner.write(
                QueryResult(columns: [
                    ("column", Column.utf8(fields.map(\.name))),
                    ("type", Column.utf8(fields.map { $0.type.sqlName })),
                    ("nullable", Column.utf8(fields.map { $0.isNullable ? "YES" : "NO" })),
                ]))
        case .mode(let format):
            runner.format = format
        case .timer(let isOn):
            runner.showsTimer = isOn
        case .help:
            runner.output.writeLine(ShellDotCommand.helpText)
            try? runner.output.flush()
        case .quit:
            break
        }
    }

    /// Prints `failure`; the status to end with when not interactive, nil to go on.
    private func report(_ failure: StatementFailure) -> SQLExitStatus? {
        try? runner.output.flush()
        ProgressLine.writeError(failure.message + "\n")
        return isInteractive ? nil : failure.status
    }

    /// Writes a prompt to standard output (also when results go to `--output`), after any pending results.
    private func showPrompt(_ text: String) {
        try? runner.output.flush()
        let terminal = TextOutput.standardOutput()
        terminal.write(text)
        try? terminal.flush()
    }
}

extension QueryResult {
    /// A result of the given columns (all nullable), built by the shell for `.tables` and `.schema`.
    fileprivate init(columns: [(name: String, column: Column)]) {
        let schema = Schema(columns.map { Field($0.name, $0.column.type, nullable: true) })
        self.init(schema: schema, batches: [Batch(schema: schema, columns: columns.map(\.column))])
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
