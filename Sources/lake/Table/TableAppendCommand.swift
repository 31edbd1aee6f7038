import ArgumentParser
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTextFormats

struct TableAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append the rows of a Parquet, CSV or JSON-lines file to a Delta table in one commit.",
        discussion: """
            The input format follows the extension (.parquet, .csv, .jsonl, .ndjson). CSV and JSON-lines columns \
            take the table's types by name. A directory without a table gets one with the input's schema. With \
            --txn app:version the append is idempotent: when the table already records that application at that \
            version or later, nothing is written. Prints the committed version.
            """)

    @Argument(help: "The table directory.") var table: String
    @Argument(help: "Input file: .parquet, .csv, .jsonl or .ndjson.") var input: String
    @Option(help: "Idempotent write id, e.g. --txn loader:42 (application id and version).") var txn: String?
    @Flag(help: "Add input columns the table lacks (nullable, at the end of the schema).") var schemaEvolution = false
    @Flag(help: "No progress display and no summary on stderr.") var quiet = false

    func run() throws {
        let transaction = try txn.map(Self.transaction)
        let target = TableReport.open(table)
        var progress = ProgressLine(quiet: quiet)
        let tableSchema = try Self.existingSchema(target)
        let batches = try Self.readBatches(input, tableSchema: tableSchema, progress: &progress)
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        if tableSchema == nil {
            // A table that does not exist yet is created with the input's schema; a concurrent creator may win.
            let schema = batches.first?.schema ?? Schema([])
            if try Self.create(target, schema: schema) {
                progress.finish("created the table at \(table)")
            } else {
                progress.finish("the table at \(table) was created meanwhile")
            }
        }
        progress.update("writing \(rows) rows")
        let outcome = try target.append(
            batches, txn: transaction, schemaEvolution: schemaEvolution ? .addNewColumns : .refuse)
        switch outcome {
        case .committed(let version):
            let added = try target.snapshot(version: version).commitInfo?.json["operationMetrics"]?
                .objectValue?["numOutputBytes"]
            let bytes = added?.stringValue.flatMap { Int64($0) }.map { ", \(ProgressLine.size($0)) written" } ?? ""
            progress.summarize("appended \(rows) rows from \(input)\(bytes)")
            print("appended \(rows) rows as version \(version)")
        case .alreadyApplied(let version):
            progress.summarize("nothing written: already applied")
            print("already applied at version \(version)")
        }
    }

    /// The table's schema, or nil when the directory holds no table yet.
    static func existingSchema(_ table: Table) throws -> Schema? {
        do {
            return try table.snapshot().schema.columnarSchema()
        } catch TableLogError.notATable {
            return nil
        }
    }

    /// Creates the table; false when another writer created it first.
    static func create(_ table: Table, schema: Schema) throws -> Bool {
        do {
            try table.create(schema: schema)
            return true
        } catch TableLogError.tableExists {
            return false
        }
    }

    /// `app:version` as a transaction; the application id may itself contain colons.
    static func transaction(_ text: String) throws -> TransactionAction {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
            let version = Int64(text[text.index(after: colon)...]), version >= 0
        else {
            throw ValidationError("--txn expects application:version such as loader:42, found '\(text)'")
        }
        return TransactionAction(appId: String(text[..<colon]), version: version)
    }

    /// Every batch of `path`, read by format. CSV and JSON-lines columns named like table columns take their types.
    static func readBatches(_ path: String, tableSchema: Schema?, progress: inout ProgressLine) throws -> [Batch] {
        var batches: [Batch] = []
        var rows = 0
        func add(_ batch: Batch) {
            batches.append(batch)
            rows += batch.rowCount
            progress.update("read \(rows) rows from \(path)")
        }
        let lowered = path.lowercased()
        let given = tableSchema.flatMap { $0.fields.isEmpty ? nil : $0 }
        if lowered.hasSuffix(".parquet") {
            let local = LocalFile(path)
            let reader = try ParquetFileReader(store: local.store, path: local.name)
            var batchReader = try reader.makeBatchReader(
                columns: nil, predicates: [], filterRows: false, batchRowsMax: 65_536)
            while let batch = try batchReader.next() { add(batch) }
        } else if lowered.hasSuffix(".csv") {
            var reader = try CSVReader(path: path, schema: given)
            while let batch = try reader.nextBatch() { add(batch) }
        } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            var reader = try JSONLinesReader(path: path, schema: given)
            while let batch = try reader.nextBatch() { add(batch) }
        } else {
            throw ValidationError("cannot tell the format of '\(path)': use .parquet, .csv, .jsonl or .ndjson")
        }
        return batches
    }
}
