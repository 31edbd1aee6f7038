import ArgumentParser
import LakeColumnar
import LakeCore
import LakePipeline
import LakeTable
import LakeTextFormats

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Append JSON lines from a file or standard input to a Delta table, in micro-batches.",
        discussion: """
            Each batch (--batch-rows lines or --batch-seconds, whichever comes first) is one append carrying a \
            transaction id: for a file, the byte offset where the batch ends, so a restarted ingest of the same \
            file resumes after the last committed line and never appends a line twice; for standard input, a \
            batch sequence number. With --follow the file is read as it grows, like tail -f, until SIGINT or \
            SIGTERM, which commit the pending batch and exit 0. A missing table is created from the first batch \
            (types inferred; --schema declares some or all columns). A line that is not JSON or does not fit the \
            schema is reported as file:line: reason and, with --on-error skip (the default), recorded in \
            <table>_rejected.jsonl; --on-error fail stops without committing its batch.
            """)

    @Argument(help: "The table directory.") var table: String
    @Option(help: "JSON-lines file to read, or - for standard input.") var from = "-"
    @Flag(help: "Keep reading the file as it grows, until SIGINT or SIGTERM.") var follow = false
    @Option(help: "Lines per batch at most.") var batchRows = 10_000
    @Option(help: "Seconds a line may wait before its batch is committed.") var batchSeconds = 5.0
    @Option(help: "Transaction application id (default: lake-ingest:<absolute file path>, or lake-ingest:stdin).")
    var appId: String?
    @Option(help: "Column types: a field list such as 'id:int64,name:utf8', or a table directory to copy them from.")
    var schema: String?
    @Option(help: "What to do with a bad line: skip (record it in <table>_rejected.jsonl) or fail.")
    var onError: IngestErrorPolicy = .skip
    @Flag(help: "No progress display and no summary on stderr.") var quiet = false

    func validate() throws {
        guard batchRows >= 1 else { throw ValidationError("--batch-rows must be at least 1") }
        guard batchSeconds >= 0 && batchSeconds <= 86_400 else {
            throw ValidationError("--batch-seconds must be between 0 and 86400")
        }
        if follow && from == "-" { throw ValidationError("--follow needs --from FILE") }
    }

    func run() throws {
        let input = from == "-" ? IngestFileInput.standardInput() : try IngestFileInput(path: from, follow: follow)
        let target = Table(store: LocalObjectStore(root: table), root: "")
        var trimmed = table
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let rejectedPath = trimmed + "_rejected.jsonl"
        var options = StreamIngestOptions(
            appId: appId ?? Self.defaultAppId(from), batchRowsMax: batchRows,
            batchIntervalMilliseconds: Int((batchSeconds * 1_000).rounded()), onError: onError)
        options.schema = try schema.map(Self.declaredSchema)
        let ingestor = StreamIngestor(
            table: target, input: input, rejectedLines: try RejectedLineFile(path: rejectedPath), options: options)
        var progress = ProgressLine(quiet: quiet)
        let isTerminal = !quiet && isatty(STDERR_FILENO) != 0
        StopSignal.install()
        let result = try ingestor.run(shouldStop: { StopSignal.isRequested }) { event in
            switch event {
            case .resumed(let offset, let line):
                progress.finish("resuming \(input.name) after byte \(offset) (line \(line))")
            case .rejected(let line):
                ProgressLine.writeError((isTerminal ? "\r\u{1B}[K" : "") + "rejected \(line.message)\n")
            case .createdTable(let columns):
                progress.finish("created the table at \(table): \(columns.joined(separator: ", "))")
            case .committed(let counts):
                progress.update(
                    "ingested \(counts.rowsAppended) rows in \(counts.commits) commits"
                        + (counts.linesRejected > 0 ? ", \(counts.linesRejected) lines rejected" : ""))
            }
        }
        var summary =
            result.linesRead == 0
            ? "nothing new to ingest"
            : "appended \(result.rowsAppended) rows in \(result.commits) commits"
        if result.linesRejected > 0 { summary += "; rejected \(result.linesRejected) lines into \(rejectedPath)" }
        if result.batchesAlreadyApplied > 0 { summary += "; \(result.batchesAlreadyApplied) batches already applied" }
        if let version = result.tableVersion { summary += "; table version \(version)" }
        progress.summarize((result.stoppedByRequest ? "stopped: " : "") + summary)
        print(summary)
    }

    /// `lake-ingest:` and the file's absolute path, or `lake-ingest:stdin`.
    static func defaultAppId(_ from: String) -> String {
        guard from != "-" else { return "lake-ingest:stdin" }
        guard let resolved = realpath(from, nil) else { return "lake-ingest:" + from }
        defer { free(resolved) }
        return "lake-ingest:" + String(cString: resolved)
    }

    /// A field list, or the schema of the table in the directory `text` names.
    static func declaredSchema(_ text: String) throws -> Schema {
        var status = stat()
        if stat(text + "/_delta_log", &status) == 0 {
            return try Table(store: LocalObjectStore(root: text), root: "").snapshot().schema.columnarSchema()
        }
        return try Schema(parsingFieldList: text)
    }
}

extension IngestErrorPolicy: ExpressibleByArgument {}
