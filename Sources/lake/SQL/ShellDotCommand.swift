/// A `lake shell` command that starts with a dot instead of being SQL.
///
/// Spec: spec/cli.md (`lake shell`)
enum ShellDotCommand: Equatable {
    /// `.tables`: the tables and Parquet folders under the root.
    case tables
    /// `.schema T`: the columns of a table (any name or path a query may read).
    case schema(String)
    /// `.mode table|csv|json`: the result format from now on.
    case mode(ResultFormat)
    /// `.timer on|off`: print run times after each statement.
    case timer(Bool)
    /// `.help`: the list of dot-commands.
    case help
    /// `.quit` or `.exit`: leave the shell.
    case quit

    /// What `.help` prints.
    static let helpText = """
        .tables              list the tables and Parquet folders under the lake root
        .schema TABLE        show the columns of a table: name, SQL type, nullable
        .mode table|csv|json set the result format
        .timer on|off        print each statement's run time on standard error
        .help                show this list
        .quit, .exit         leave the shell (end of input does too)
        """

    /// Parses a line starting with `.`; words are separated by spaces or tabs.
    /// - Throws: a usage failure naming the command and what it accepts.
    init(parsing line: String) throws(StatementFailure) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let name = words.first?.lowercased() ?? ""
        let arguments = Array(words.dropFirst())
        func usage(_ text: String) -> StatementFailure {
            StatementFailure(message: "error: \(text)", status: .usage)
        }
        switch name {
        case ".tables" where arguments.isEmpty:
            self = .tables
        case ".schema":
            guard !arguments.isEmpty else { throw usage(".schema needs a table name: .schema silver.fact") }
            self = .schema(arguments.joined(separator: " "))
        case ".mode":
            guard arguments.count == 1, let format = ResultFormat(argument: arguments[0]), format != .parquet else {
                throw usage(".mode takes one of table, csv, json")
            }
            self = .mode(format)
        case ".timer":
            switch arguments.map({ $0.lowercased() }) {
            case ["on"]: self = .timer(true)
            case ["off"]: self = .timer(false)
            default: throw usage(".timer takes on or off")
            }
        case ".help" where arguments.isEmpty:
            self = .help
        case ".quit" where arguments.isEmpty, ".exit" where arguments.isEmpty:
            self = .quit
        case ".tables", ".help", ".quit", ".exit":
            throw usage("\(name) takes no arguments")
        default:
            throw usage("unknown command \(words.first ?? line); .help lists the commands")
        }
    }
}
