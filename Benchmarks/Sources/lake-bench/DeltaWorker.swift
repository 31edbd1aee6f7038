import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable

/// One run of the table operations of `lake-bench delta` in this process, mirroring `peers/deltalake_ops.py`:
/// 200 appends of 50,000 rows (the table is created first, inside the clock of the first append), open the
/// latest version, an explicit checkpoint of that opened snapshot (as deltalake's `create_checkpoint()` works on
/// its loaded table), open the latest version again and count its files, open version 100,
/// compact, vacuum with retention 0, and scan the latest version. Each step has its own clock; reading the input
/// and the checks are outside every clock.
struct DeltaWorker {
    let dataDirectory: String
    let outputDirectory: String

    static let commits = 200
    static let rowsPerCommitMax = 50_000
    static let tableName = "lake_delta_listings"

    /// Runs every step and returns the `RESULT` object: `metrics`, `rss_before_kb`, `info`.
    func run() throws -> [String: Any] {
        let input = try ParquetFileReader(store: LocalObjectStore(root: dataDirectory), path: Worker.inputName)
        let per = min(Self.rowsPerCommitMax, Int(input.rowCount) / Self.commits)
        let commits = try Self.slices(input.readAll(), count: Self.commits, rows: per)
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: outputDirectory + "/" + Self.tableName)
        let store = LocalObjectStore(root: outputDirectory)
        let table = Table(store: store, root: Self.tableName)
        let rssBefore = ProcessMemory.peakResidentKiB()
        var metrics: [String: Any] = [:]
        var info: [String: Any] = [:]
        let clock = ContinuousClock()
        func timed<T>(_ name: String, rows: Int? = nil, _ body: () throws -> T) rethrows -> T {
            let start = clock.now
            let result = try body()
            metrics[name] = ["seconds": (clock.now - start).seconds, "rows": rows.map { $0 as Any } ?? NSNull()]
            return result
        }

        var commitSeconds: [Double] = []
        let appendsStart = clock.now
        for (index, batches) in commits.enumerated() {
            let start = clock.now
            if index == 0 { try table.create(schema: input.schema) }
            try table.append(batches)
            commitSeconds.append((clock.now - start).seconds)
        }
        metrics["append_200_total"] = ["seconds": (clock.now - appendsStart).seconds, "rows": Self.commits * per]
        metrics["append_commit_median"] = ["seconds": Self.median(commitSeconds), "rows": per]
        let logPrefix = Self.tableName + "/_delta_log/"
        info["checkpoints_during_appends"] = try store.list(prefix: logPrefix, after: nil).map {
            String($0.path.dropFirst(logPrefix.count))
        }.filter { $0.contains("checkpoint.parquet") }

        let latest = try timed("load_latest") { try table.snapshot() }
        info["version"] = latest.version
        try timed("create_checkpoint") { _ = try table.checkpoint(of: latest) }
        info["files_active"] = try timed("load_latest_with_checkpoint") { try table.snapshot().files.count }
        info["files_active_v100"] = try timed("load_version_100") { try table.snapshot(version: 100).files.count }
        info["files_on_disk_before_compact"] = try dataFiles(store)
        try timed("optimize_compact", rows: Self.commits * per) { _ = try table.optimize() }
        info["files_active_after_compact"] = try table.snapshot().files.count
        // Both tools vacuum files that are on disk: lake fsyncs the files it writes, delta-rs does not, and unlinking
        // a file whose blocks were never allocated (still in the page cache) is several times cheaper.
        sync()
        let vacuum = try timed("vacuum") { try table.vacuum(retentionHours: 0, allowShortRetention: true) }
        info["vacuum_removed"] = vacuum.files.count
        info["files_on_disk_after_vacuum"] = try dataFiles(store)
        let scanStart = clock.now
        let rows = try table.scan().readAll().reduce(0) { $0 + $1.rowCount }
        metrics["scan_latest"] = ["seconds": (clock.now - scanStart).seconds, "rows": rows]
        info["rows_latest"] = rows
        let bytes = try store.list(prefix: Self.tableName + "/", after: nil)
            .filter { $0.path.hasSuffix(".parquet") && !$0.path.contains("/_delta_log/") }
            .reduce(Int64(0)) { $0 + $1.sizeBytes }
        info["table_mb_after_compact"] = (Double(bytes) / 1e5).rounded() / 10
        try? FileManager.default.removeItem(atPath: outputDirectory + "/" + Self.tableName)
        return ["metrics": metrics, "rss_before_kb": rssBefore, "info": info]
    }

    /// Data files (not checkpoints) on storage.
    private func dataFiles(_ store: LocalObjectStore) throws -> Int {
        try store.list(prefix: Self.tableName + "/", after: nil).filter {
            $0.path.hasSuffix(".parquet") && !$0.path.contains("/_delta_log/")
        }.count
    }

    /// `count` consecutive runs of `rows` rows from `batches`, each as the batches (or batch slices) holding them.
    static func slices(_ batches: [Batch], count: Int, rows: Int) throws -> [[Batch]] {
        var result: [[Batch]] = []
        var current: [Batch] = []
        var needed = rows
        outer: for batch in batches {
            var offset = 0
            while offset < batch.rowCount {
                let take = min(needed, batch.rowCount - offset)
                current.append(take == batch.rowCount ? batch : batch.slice(offset..<(offset + take)))
                offset += take
                needed -= take
                if needed == 0 {
                    result.append(current)
                    current = []
                    needed = rows
                    if result.count == count { break outer }
                }
            }
        }
        guard result.count == count else {
            throw ChildProcess.Failure(description: "the input holds fewer than \(count) x \(rows) rows")
        }
        return result
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
