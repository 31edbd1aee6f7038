import ArgumentParser
import LakeColumnar
import LakeCompression
import LakeParquet
import LakeTextFormats

struct ParquetConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a CSV or JSON-lines file to Parquet, inferring column types or using --schema.",
        discussion: """
            The input format follows the extension (.csv, .jsonl, .ndjson) unless --input-format is given.
            A schema is a comma-separated field list, e.g. 'id:int64 not null,name:utf8,price:decimal(10,2),
            ts:timestamp(us,UTC)'. Malformed input fails with its line number; nothing is written then.
            """)

    enum InputFormat: String, ExpressibleByArgument { case csv, jsonl }

    @Argument(help: "Input CSV or JSON-lines file.") var input: String
    @Argument(help: "Output Parquet file.") var output: String
    @Option(help: "Input format: csv or jsonl (default: from the extension).") var inputFormat: InputFormat?
    @Option(help: "Column types instead of inference, e.g. 'id:int64,name:utf8'.") var schema: String?
    @Option(help: "CSV field delimiter (one character).") var delimiter: String = ","
    @Flag(help: "The CSV file has no header row (columns are named column_1, column_2, ...).") var noHeader = false
    @Option(help: "Codec: uncompressed, snappy, gzip, zstd or lz4_raw.") var compression: String = "zstd"
    @Option(help: "Rows per row group.") var rowGroupRows: Int = 1_048_576

    func run() throws {
        let format = inputFormat ?? (input.hasSuffix(".csv") ? .csv : .jsonl)
        let given = try schema.map { try Schema(parsingFieldList: $0) }
        var options = ParquetWriteOptions()
        options.compression = try Self.codec(compression)
        options.rowGroupRowsMax = rowGroupRows
        let local = LocalFile(output)
        var rows = 0
        switch format {
        case .csv:
            guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first else {
                throw ValidationError("--delimiter must be a single one-byte character")
            }
            var csvOptions = CSVOptions()
            csvOptions.delimiter = byte
            csvOptions.hasHeader = !noHeader
            var reader = try CSVReader(path: input, options: csvOptions, schema: given)
            rows = try Self.copy(schema: reader.schema, into: local, options: options) { () throws -> Batch? in
                try reader.nextBatch()
            }
        case .jsonl:
            var reader = try JSONLinesReader(path: input, schema: given)
            rows = try Self.copy(schema: reader.schema, into: local, options: options) { () throws -> Batch? in
                try reader.nextBatch()
            }
        }
        ProgressLine().finish("wrote \(rows) rows to \(output)")
    }

    /// Streams batches into a new Parquet file; the file appears only if every batch was read and written.
    static func copy(
        schema: Schema, into file: LocalFile, options: ParquetWriteOptions, next: () throws -> Batch?
    ) throws -> Int {
        let writer = try ParquetFileWriter(store: file.store, path: file.name, schema: schema, options: options)
        var rows = 0
        var progress = ProgressLine()
        do {
            while let batch = try next() {
                try writer.write(batch)
                rows += batch.rowCount
                progress.update("\(rows) rows")
            }
            try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        return rows
    }

    static func codec(_ name: String) throws -> Codec {
        switch name.lowercased() {
        case "uncompressed", "none": return .uncompressed
        case "snappy": return .snappy
        case "gzip": return .gzip()
        case "zstd": return .zstd()
        case "lz4_raw", "lz4": return .lz4Raw
        default: throw ValidationError("unknown codec '\(name)': use uncompressed, snappy, gzip, zstd or lz4_raw")
        }
    }
}
