import Foundation
import LakeColumnar
import LakeCore
import LakeParquet

/// Runs one task once in this process: what the parent spawns for every lake run, and what a profiler wraps.
///
/// The clock covers the same section as pyarrow's: for writes, opening the writer through `close()` (which
/// fsyncs and publishes the file); for reads, opening the file through the last batch. Everything else (reading
/// the write input, checks, sums) is outside it.
struct Worker {
    let task: BenchTask
    /// Folder holding `listings.parquet`.
    let dataDirectory: String
    /// Folder the written file goes to.
    let outputDirectory: String
    /// Keep the written file for the parent's pyarrow check.
    let keepOutput: Bool
    /// Times the timed section runs in this process (the record keeps the fastest); more than 1 only for
    /// profiling, so that the untimed set-up does not dominate a profile.
    var repeats = 1

    static let inputName = "listings.parquet"
    static let rowGroupRows = 1_000_000

    static func outputName(_ task: BenchTask) -> String { "lake_\(task.rawValue).parquet" }

    func run() throws -> RunRecord {
        switch task {
        case .writeZstd, .writeSnappy: try runWrite()
        case .readFull: try runReadFull()
        case .readFilter: try runReadFilter()
        }
    }

    private func runWrite() throws -> RunRecord {
        let input = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Self.inputName)
        let batches = try input.readAll()
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let name = Self.outputName(task)
        let store = LocalObjectStore(root: outputDirectory)
        var options = ParquetWriteOptions()
        options.compression = task.codec ?? .uncompressed
        options.encoding = .dictionary
        options.rowGroupRowsMax = Self.rowGroupRows
        let rssBefore = ProcessMemory.peakResidentKiB()

        let seconds = try fastest(reset: { try? store.delete(name) }) { () throws -> Void in
            let writer = try ParquetFileWriter(store: store, path: name, schema: input.schema, options: options)
            for batch in batches { try writer.write(batch) }
            try writer.close()
        }

        let written = try ParquetFileReader(store: store, path: name)
        let size = Int(written.fileBytes)
        if !keepOutput { try store.delete(name) }
        return RunRecord(
            seconds: seconds, rows: rows, bytes: size, rssBeforeKiB: rssBefore,
            info: RunInfo(rowGroups: written.rowGroupCount, rowsWritten: Int(written.rowCount)))
    }

    private func runReadFull() throws -> RunRecord {
        let rssBefore = ProcessMemory.peakResidentKiB()
        var batches: [Batch] = []
        let seconds = try fastest(reset: { batches = [] }) { () throws -> Void in
            let file = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Self.inputName)
            batches = try file.readAll()
        }
        let file = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Self.inputName)

        let rows = batches.reduce(0) { $0 + $1.rowCount }
        let columnCount = batches.first?.columns.count ?? 0
        var nullCounts = [Int](repeating: 0, count: columnCount)
        for batch in batches {
            for (index, column) in batch.columns.enumerated() { nullCounts[index] += column.nullCount }
        }
        return RunRecord(
            seconds: seconds, rows: Int(file.rowCount), bytes: Int(file.fileBytes), rssBeforeKiB: rssBefore,
            resultRows: rows,
            info: RunInfo(
                columns: columnCount, nullCounts: nullCounts, cryptoIDSum: Self.sum(batches, "crypto_id")))
    }

    private func runReadFilter() throws -> RunRecord {
        let rssBefore = ProcessMemory.peakResidentKiB()
        var batches: [Batch] = []
        let seconds = try fastest(reset: { batches = [] }) { () throws -> Void in
            let file = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Self.inputName)
            var reader = try file.makeBatchReader(
                columns: ["crypto_id", "price_usd"], predicates: [ParquetPredicate("crypto_id", .less, .int(100))],
                filterRows: true)
            while let batch = try reader.next() { batches.append(batch) }
        }
        let file = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Self.inputName)

        let rows = batches.reduce(0) { $0 + $1.rowCount }
        var nullCounts = [0, 0]
        for batch in batches {
            for (index, column) in batch.columns.prefix(2).enumerated() { nullCounts[index] += column.nullCount }
        }
        let priceSum = Self.floatSum(batches, "price_usd")
        return RunRecord(
            seconds: seconds, rows: Int(file.rowCount), bytes: Int(file.fileBytes), rssBeforeKiB: rssBefore,
            resultRows: rows,
            info: RunInfo(
                columns: batches.first?.columns.count, nullCounts: nullCounts,
                cryptoIDSum: Self.sum(batches, "crypto_id"), priceSum: priceSum))
    }

    /// Runs `body` `repeats` times; returns the fastest time in seconds (see `Stopwatch.fastest`).
    private func fastest(reset: () -> Void = {}, _ body: () throws -> Void) rethrows -> Double {
        try Stopwatch.fastest(repeats: repeats, reset: reset, body)
    }

    /// Sum of the non-null values of an int64 column over `batches`.
    static func sum(_ batches: [Batch], _ name: String) -> Int {
        var total = 0
        for batch in batches {
            guard let column = batch.column(named: name), case .int64(let values) = column.values else { continue }
            for row in 0..<column.count where !column.isNull(row) { total &+= Int(values[row]) }
        }
        return total
    }

    /// Sum of the non-null values of a float64 column over `batches`, in batch and row order.
    static func floatSum(_ batches: [Batch], _ name: String) -> Double {
        var total = 0.0
        for batch in batches {
            guard let column = batch.column(named: name), case .float64(let values) = column.values else { continue }
            for row in 0..<column.count where !column.isNull(row) { total += values[row] }
        }
        return total
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
