import ArgumentParser
import LakeColumnar
import LakeCompression
import LakeCore
import LakeParquet
import LakeSampleData

/// The end-to-end demo that `make demo` runs on generated data.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate listings snapshots, write them to Parquet, read them back and show the file's layout.")

    @Option(help: "Lake root directory for the demo's files.") var dir: String = ".demo"
    @Option(help: "Coins per snapshot.") var coins: Int = 5_000
    @Option(help: "Hourly snapshots to generate.") var snapshots: Int = 200
    @Option(help: "Random seed.") var seed: UInt64 = 42

    func run() throws {
        let store = LocalObjectStore(root: dir)
        let path = "bronze/listings/listings-20240101_000000.parquet"
        var generator = ListingsGenerator(coins: coins, snapshots: snapshots, seed: seed)
        var progress = ProgressLine()
        print("lake demo: \(generator.rowCount) listings rows (\(snapshots) snapshots x \(coins) coins, seed \(seed))")

        // 1. Write: streaming, one snapshot batch at a time.
        var options = ParquetWriteOptions()
        options.compression = .zstd()
        options.rowGroupRowsMax = 100_000  // several row groups, so that statistics can prune
        let writer = try ParquetFileWriter(store: store, path: path, schema: ListingsGenerator.schema, options: options)
        var written = 0
        var writeNanoseconds: UInt64 = 0
        var priceChecksum: UInt64 = 0
        while let batch = generator.nextBatch() {
            let start = ProgressLine.monotonicNanoseconds()
            try writer.write(batch)
            writeNanoseconds += ProgressLine.monotonicNanoseconds() - start
            written += batch.rowCount
            priceChecksum &+= Self.checksum(batch.column(named: "price_usd"))
            progress.update("writing: \(written) rows")
        }
        let closeStart = ProgressLine.monotonicNanoseconds()
        try writer.close()
        let writeSeconds = Double(writeNanoseconds + ProgressLine.monotonicNanoseconds() - closeStart) / 1e9
        let fileBytes = try store.head(path).sizeBytes
        progress.finish("wrote \(written) rows to \(dir)/\(path)")

        // 2. Read back everything and check it against what was written.
        let readStart = ProgressLine.monotonicNanoseconds()
        let reader = try ParquetFileReader(store: store, path: path)
        var batches = try reader.makeBatchReader()
        var readRows = 0
        var readPriceChecksum: UInt64 = 0
        while let batch = try batches.next() {
            readRows += batch.rowCount
            readPriceChecksum &+= Self.checksum(batch.column(named: "price_usd"))
        }
        let readSeconds = Self.seconds(since: readStart)
        guard readRows == written, readPriceChecksum == priceChecksum else {
            throw DemoFailure(message: "read back \(readRows) rows, wrote \(written); price checksums equal: \(readPriceChecksum == priceChecksum)")
        }

        // 3. A pruned, projected, filtered read: the top-ranked coins of the last snapshot.
        let lastSnapshot = ListingsGenerator.epochStartMicros + Int64((snapshots - 1) * 60) * 60_000_000
        var top = try reader.makeBatchReader(
            columns: ["cmc_rank", "symbol", "name", "price_usd", "market_cap"],
            predicates: [
                ParquetPredicate("snapshot_timestamp", .equal, .int(lastSnapshot)),
                ParquetPredicate("cmc_rank", .lessOrEqual, .int(5)),
            ], filterRows: true)
        var printer = RowPrinter(format: .table)
        while let batch = try top.next() { printer.print(batch.projecting([0, 1, 2, 3, 4])) }

        let megabytes = Double(fileBytes) / 1_000_000
        print("")
        print("file:  \(Self.format(megabytes)) MB, \(reader.rowGroupCount) row groups, zstd")
        print("write: \(Self.format(writeSeconds)) s, \(Self.format(Double(written) / writeSeconds / 1e6)) M rows/s (data generation not included)")
        print("read:  \(Self.format(readSeconds)) s, \(Self.format(Double(readRows) / readSeconds / 1e6)) M rows/s, \(Self.format(megabytes / readSeconds)) MB/s; round trip verified (\(readRows) rows, price bits equal)")
        print("")
        print("top 5 coins at the last snapshot (row groups pruned by statistics: \(top.prunedRowGroups) of \(reader.rowGroupCount)):")
        printer.finish()
        print("")
        print(try ParquetLayoutReport(reader: reader).render(pages: false))
    }

    /// An order-independent checksum of a float64 column: the wrapping sum of its valid values' bit patterns.
    static func checksum(_ column: Column?) -> UInt64 {
        guard let column, case .float64(let values) = column.values else { return 0 }
        var total: UInt64 = 0
        for row in values.indices where !column.isNull(row) { total &+= values[row].bitPattern }
        return total
    }

    static func seconds(since start: UInt64) -> Double {
        Double(ProgressLine.monotonicNanoseconds() - start) / 1e9
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// A demo step whose result was not what it should be.
struct DemoFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
