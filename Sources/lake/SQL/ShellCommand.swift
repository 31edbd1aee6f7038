import ArgumentParser

/// `lake shell`: an interactive SQL prompt over a lake root.
///
/// Spec: spec/cli.md (`lake shell`)
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "An interactive SQL prompt over a lake root.",
        discussion: """
            Statements may span lines and run when a line ends with ';'. Dot-commands (on a line of their own):
            \(ShellDotCommand.helpText)

            On a terminal, what is typed is appended to $LAKE_HISTORY (default ~/.lake_history) and a failing \
            statement prints its error and the prompt comes back. Without a terminal (input from a pipe or a file) \
            there are no prompts and no history, and the first failure ends the shell with the exit status of \
            `lake sql`: 1 runtime failure, 2 SQL error, 64 usage error (an unknown dot-command too).
            """)

    @OptionGroup var options: QueryOptions

    func validate() throws {
        if options.format == .parquet {
            throw ValidationError("the shell writes text: use --format table, csv or json (or lake sql for parquet)")
        }
    }

    func run() throws {
        let isInteractive = StandardInput.isTerminal
        var shell: Shell
        do {
            shell = Shell(
                runner: try options.makeRunner(), isInteractive: isInteractive,
                history: isInteractive ? ShellHistory.defaultPath().map(ShellHistory.init(path:)) : nil)
        } catch {
            ProgressLine.writeError(error.message + "\n")
            throw ExitCode(error.status.rawValue)
        }
        let status = shell.run()
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
