import Foundation
import LakeColumnar
import LakeCore
import LakeExec
import LakeParquet
import LakeSQL
import LakeSession

/// Runs one `SilverTask` once in this process and returns its `RESULT` object in run_peers.py's shape
/// (`metrics.<name>.seconds/rows`, `rss_before_kb`, `info`), so the parent reads lake and peer runs alike.
///
/// The clock covers what run_peers.py's covers: for the transforms, opening the session through closing the
/// written Parquet file (reading the input is inside it); for the projected read, opening the session through
/// the last batch. Choosing the SQL form (below) happens before the clock.
struct SilverWorker {
    let task: SilverTask
    /// Folder holding `listings.parquet`; the session's lake root.
    let dataDirectory: String
    /// Folder the transform's Parquet file goes to.
    let outputDirectory: String
    /// The SQL form of the last values; nil: `arg_max` when the session can run it, else the row-number form.
    var lastValues: SilverQuery.LastValueForm?
    /// Times the timed section runs in this process (the fastest is reported); more than 1 only for profiling.
    var repeats = 1

    /// The executor's memory budget: the windows over 10M rows hold the whole input (Polars peaks at 3.3 GB).
    static let memoryLimitBytes = 16 << 30

    private var options: ExecutionOptions { ExecutionOptions(memoryLimitBytes: Self.memoryLimitBytes) }

    func run() throws -> [String: Any] {
        let input = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Worker.inputName)
        let inputRows = Int(input.rowCount)
        switch task {
        case .transformSQL, .transformDataFrame:
            return try runTransform(inputRows: inputRows)
        case .projectedRead:
            return try runProjectedRead(inputRows: inputRows)
        }
    }

    private func runTransform(inputRows: Int) throws -> [String: Any] {
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let store = LocalObjectStore(root: outputDirectory)
        let name = task.outputName
        var info: [String: Any] = [:]
        let form = try lastValues ?? supportedForm()
        if task == .transformSQL { info["last_values"] = form.rawValue }
        let rssBefore = ProcessMemory.peakResidentKiB()
        var resultRows = 0
        let seconds = try fastest(reset: { try? store.delete(name) }) { () throws -> Void in
            let session = try LakeSession(root: dataDirectory, options: options)
            let result: QueryResult
            switch task {
            case .transformDataFrame:
                let frame = try SilverQuery.dataFrame(session, input: Worker.inputName)
                let batches = try frame.collect(options: options)
                result = QueryResult(schema: try frame.schema(), batches: batches)
            default:
                result = try session.execute(SilverQuery.sql(input: Worker.inputName, lastValues: form))
            }
            resultRows = result.rowCount
            var writeOptions = ParquetWriteOptions()
            writeOptions.compression = .zstd(level: 1)
            let writer = try ParquetFileWriter(store: store, path: name, schema: result.schema, options: writeOptions)
            for batch in result.batches where batch.rowCount > 0 { try writer.write(batch) }
            _ = try writer.close()
        }
        info["result_rows"] = resultRows
        info["output"] = outputDirectory + "/" + name
        info["output_bytes"] = Int(try ParquetFileReader(store: store, path: name).fileBytes)
        return [
            "metrics": ["transform": ["seconds": seconds, "rows": inputRows]], "rss_before_kb": rssBefore,
            "info": info,
        ]
    }

    /// `arg_max` when the session binds and lowers it, else the row-number form (decided outside the clock).
    private func supportedForm() throws -> SilverQuery.LastValueForm {
        let session = try LakeSession(root: dataDirectory, options: options)
        do {
            guard
                case .query(let plan) = try session.bind(SilverQuery.sql(input: Worker.inputName, lastValues: .argMax))
            else { return .rowNumberFilter }
            _ = try session.dataFrame(plan).schema()
            return .argMax
        } catch {
            return .rowNumberFilter
        }
    }

    private func runProjectedRead(inputRows: Int) throws -> [String: Any] {
        let rssBefore = ProcessMemory.peakResidentKiB()
        var batches: [Batch] = []
        let seconds = try fastest(reset: { batches = [] }) { () throws -> Void in
            let session = try LakeSession(root: dataDirectory, options: options)
            batches = try session.execute(SilverQuery.projectedReadSQL(input: Worker.inputName)).batches
        }
        return [
            "metrics": ["read": ["seconds": seconds, "rows": inputRows]], "rss_before_kb": rssBefore,
            "info": [
                "result_rows": batches.reduce(0) { $0 + $1.rowCount },
                "crypto_id_sum": Worker.sum(batches, "crypto_id"),
                "price_sum": Worker.floatSum(batches, "price_usd"),
            ],
        ]
    }

    private func fastest(reset: () -> Void, _ body: () throws -> Void) rethrows -> Double {
        try Stopwatch.fastest(repeats: repeats, reset: reset, body)
    }
}
