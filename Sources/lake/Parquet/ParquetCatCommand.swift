import ArgumentParser
import LakeColumnar
import LakeParquet

struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print the rows of a Parquet file.")

    @Argument(help: "The Parquet file.") var file: String
    @Option(help: "Comma-separated columns to print (default: all).") var columns: String?
    @Option(help: "Print at most this many rows.") var limit: Int?
    @Option(help: "Skip row groups and rows not matching 'column<op>value' (op: < <= = != >= >); repeatable.")
    var filter: [String] = []
    @Option(help: "Output format: table, csv or jsonl.") var format: OutputFormat = .table

    func run() throws {
        let local = LocalFile(file)
        let reader = try ParquetFileReader(store: local.store, path: local.name)
        let names = columns.map { $0.split(separator: ",").map { String($0) } }
        var predicates: [ParquetPredicate] = []
        for text in filter {
            guard let predicate = ParquetPredicate.parse(text, schema: reader.schema) else {
                throw ValidationError("cannot parse filter '\(text)': expected column<op>value with a known column")
            }
            predicates.append(predicate)
        }
        var batches = try reader.makeBatchReader(
            columns: names, predicates: predicates, filterRows: true, batchRowsMax: 8_192)
        var printer = RowPrinter(format: format)
        var remaining = limit ?? (format == .table ? 100 : Int.max)
        while remaining > 0, let batch = try batches.next() {
            let kept = batch.rowCount <= remaining ? batch : batch.slice(0..<remaining)
            let projected = names == nil ? kept : kept.projecting(Array(0..<(names?.count ?? 0)))
            printer.print(projected)
            remaining -= kept.rowCount
        }
        printer.finish()
    }
}
