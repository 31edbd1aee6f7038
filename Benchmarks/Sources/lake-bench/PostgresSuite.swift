import Foundation

/// `lake-bench postgres`: 10M listings rows from Parquet into a PostgreSQL table, lake against the psycopg
/// vectorized binary COPY peer (`peers/psycopg_copy.py`), on one throwaway server, runs alternating, each in a
/// fresh process. Before every run the table is dropped, created (run_peers.py's PG_DDL) and CHECKPOINTed.
/// After every run the table must hold every input row; the fingerprint of lake's table (count, sum of row
/// hashes, null counts, price sum) must equal the peer's.
struct PostgresSuite {
    let dataDirectory: String
    let jsonPath: String
    let python: String
    let peerScript: String
    let runs: Int
    let connections: Int
    let withPeer: Bool
    static let inputName = "listings.parquet"
    /// The issue's acceptance threshold.
    static let rowsPerSecondMin = 300_000.0

    static let ddl =
        "CREATE TABLE listings (snapshot_timestamp timestamptz, crypto_id int8, symbol text, name text, slug text, "
        + "cmc_rank int4, num_market_pairs int4, price_usd float8, volume_24h float8, market_cap float8, "
        + "fully_diluted_market_cap float8, percent_change_1h float8, percent_change_24h float8, "
        + "percent_change_7d float8, circulating_supply float8, total_supply float8, max_supply float8, "
        + "platform_symbol text, last_updated timestamptz)"
    static let fingerprint =
        "SELECT count(*), sum(hashtext(l::text)::numeric), count(max_supply), count(platform_symbol), "
        + "sum(price_usd::numeric) FROM listings l"

    struct Run: Codable {
        var tool: String
        var seconds: Double
        var rows: Int
        var rowsPerSecond: Double
        var peakRSSMiB: Double
        var fingerprint: String
    }

    func run() throws -> Bool {
        let cluster = try PostgresCluster()
        defer { cluster.stop() }
        let logDirectory = dataDirectory + "/out/logs"
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        var records: [Run] = []
        var ok = true
        for index in 0..<runs {
            var tools = ["lake"]
            if withPeer { tools.append("psycopg") }
            for tool in tools {
                try cluster.psql("DROP TABLE IF EXISTS listings; DROP TABLE IF EXISTS lake_load_state")
                try cluster.psql(Self.ddl)
                try cluster.psql("CHECKPOINT")
                let arguments =
                    tool == "lake"
                    ? [
                        CommandLine.arguments[0], "postgres-worker", "--data", dataDirectory, "--url", cluster.url,
                        "--connections", String(connections),
                    ]
                    : [
                        python, peerScript, String(cluster.port), dataDirectory + "/" + PostgresSuite.inputName,
                        "listings",
                    ]
                let outcome = try ChildProcess(arguments: arguments, logPath: "\(logDirectory)/pg.\(tool).\(index).log")
                    .run()
                guard outcome.exitCode == 0, let json = outcome.resultJSON,
                    let result = try JSONSerialization.jsonObject(with: json) as? [String: Any],
                    let seconds = result["seconds"] as? Double, let rows = result["rows"] as? Int
                else {
                    throw ChildProcess.Failure(description: "\(tool) run \(index) failed:\n\(outcome.log.suffix(3000))")
                }
                let print = try cluster.psql(Self.fingerprint)
                let count = try cluster.psql("SELECT count(*) FROM listings")
                if Int(count) != rows {
                    ok = false
                    FileHandle.standardError.write(Data("\(tool): table holds \(count) rows, loaded \(rows)\n".utf8))
                }
                let record = Run(
                    tool: tool, seconds: seconds, rows: rows, rowsPerSecond: Double(rows) / seconds,
                    peakRSSMiB: Double(outcome.peakRSSKiB) / 1024, fingerprint: print)
                Swift.print(
                    "  \(tool) run \(index + 1)/\(runs): \(String(format: "%.2f", seconds)) s, "
                        + "\(Int(record.rowsPerSecond)) rows/s, peak RSS \(Int(record.peakRSSMiB)) MiB")
                records.append(record)
            }
        }
        let lake = records.filter { $0.tool == "lake" }
        let peer = records.filter { $0.tool == "psycopg" }
        if let reference = peer.first?.fingerprint, records.contains(where: { $0.fingerprint != reference }) {
            ok = false
            FileHandle.standardError.write(Data("table fingerprints differ between runs or tools\n".utf8))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let lakeMedian = median(lake.map(\.seconds))
        var lines = [
            "| tool | min / median s | rows/s (median) | peak RSS MiB |", "|---|---:|---:|---:|",
            "| lake (\(connections) connection(s)) | \(String(format: "%.2f / %.2f", lake.map(\.seconds).min() ?? 0, lakeMedian)) "
                + "| \(Int(Double(lake[0].rows) / lakeMedian)) | \(Int(lake.map(\.peakRSSMiB).max() ?? 0)) |",
        ]
        var ratio: Double?
        if !peer.isEmpty {
            let peerMedian = median(peer.map(\.seconds))
            ratio = peerMedian / lakeMedian
            lines.append(
                "| psycopg vectorized binary COPY | \(String(format: "%.2f / %.2f", peer.map(\.seconds).min() ?? 0, peerMedian)) "
                    + "| \(Int(Double(peer[0].rows) / peerMedian)) | \(Int(peer.map(\.peakRSSMiB).max() ?? 0)) |")
            lines.append("lake/psycopg throughput (median): \(String(format: "%.2fx", peerMedian / lakeMedian))")
        }
        let lakeRate = Double(lake[0].rows) / lakeMedian
        if lakeRate < Self.rowsPerSecondMin { ok = false }
        lines.append(
            "acceptance (>= \(Int(Self.rowsPerSecondMin)) rows/s): \(lakeRate >= Self.rowsPerSecondMin ? "met" : "NOT met")"
        )
        Swift.print(lines.joined(separator: "\n"))
        let report: [String: Any] = [
            "runs": records.map {
                [
                    "tool": $0.tool, "seconds": $0.seconds, "rows": $0.rows, "rows_per_s": $0.rowsPerSecond,
                    "peak_rss_mib": $0.peakRSSMiB, "fingerprint": $0.fingerprint,
                ]
            },
            "lake_median_s": lakeMedian, "lake_over_psycopg_median": ratio as Any, "connections": connections,
            "server": try cluster.psql("SHOW server_version"),
        ]
        try FileManager.default.createDirectory(
            atPath: (jsonPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: jsonPath))
        return ok
    }
}
