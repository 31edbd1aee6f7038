import ArgumentParser
import LakeCore
import LakeSQL

/// `lake sql`: runs a script of SQL statements against a lake root and writes each result.
///
/// Spec: spec/cli.md (`lake sql`)
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL statements against a lake root.",
        discussion: """
            The statements come from the argument, from -f FILE, or from standard input when neither is given and \
            standard input is not a terminal. They run in order, each committing on its own; the result of each is \
            written as it completes. The first failure stops the script.

            Names resolve under the root: silver.fact reads <root>/silver/fact (a Delta table or a folder of \
            Parquet files), 'path' a table or folder by path, read_parquet('glob') Parquet files.

            Exit status:
              0   success
              1   runtime failure (I/O, a table that cannot be read, execution)
              2   SQL error: the text does not parse or bind (unknown table,
                  column or function, type error); stderr shows the line and
                  column with a caret under the offending text
              64  usage error (bad option, lake root that is not a directory)
            Errors go to standard error, results to standard output (or --output).
            """)

    @Argument(help: "SQL statements separated by ';' (put '--' before text starting with '-').")
    var statements: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "Run the SQL script in this file.")
    var file: String?

    @OptionGroup var options: QueryOptions

    func validate() throws {
        if statements != nil && file != nil {
            throw ValidationError("give the statements either as an argument or with -f FILE, not both")
        }
        if statements == nil && file == nil && StandardInput.isTerminal {
            throw ValidationError("give statements as an argument, a script with -f FILE, or pipe a script in")
        }
    }

    func run() throws {
        do {
            let script = try readScript()
            var runner = try options.makeRunner()
            try runner.runScript(script)
        } catch {
            ProgressLine.writeError(error.message + "\n")
            throw ExitCode(error.status.rawValue)
        }
    }

    /// The argument, the file's text or standard input.
    private func readScript() throws(StatementFailure) -> String {
        if let statements { return statements }
        if let file { return try Self.readFile(file) }
        return try StandardInput.readAll()
    }

    /// The text of the script at `path` (UTF-8, invalid sequences replaced).
    /// - Throws: a runtime failure naming the file when it cannot be read or is longer than
    ///   `SQLLimits.textBytesMax`.
    static func readFile(_ path: String) throws(StatementFailure) -> String {
        let local = LocalFile(path)
        do {
            let size = try local.store.head(local.name).sizeBytes
            guard size <= Int64(SQLLimits.textBytesMax) else {
                throw StatementFailure(
                    message: "error: \(path): the script is longer than \(SQLLimits.textBytesMax) bytes",
                    status: .failure)
            }
            return String(decoding: try local.store.read(local.name, range: nil), as: UTF8.self)
        } catch let failure as StatementFailure {
            throw failure
        } catch {
            throw StatementFailure(message: "error: cannot read \(path): \(error)", status: .failure)
        }
    }
}
