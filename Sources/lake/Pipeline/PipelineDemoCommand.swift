import ArgumentParser
import Foundation
import LakeColumnar
import LakePipeline
import LakeSession
import LakeWarehouse

/// `lake pipeline demo` (what `make demo` runs): the reference pipeline end to end on the recorded API payloads,
/// into a fresh lake root and a PostgreSQL it starts itself (unless given one), over three simulated days; then a
/// time-travel query and KPI queries through the SQL session, and the warehouse's row counts.
struct PipelineDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run the reference pipeline on recorded payloads over three days, then query the lake.")

    @Option(help: "The lake root to create (a previous demo root there is replaced).") var dir: String = ".demo"
    @Option(help: "The pipeline file.") var pipeline: String = "Fixtures/pipeline/pipeline.toml"
    @Option(help: "The recorded payloads.") var replay: String = "Fixtures/api"
    @Option(
        help:
            "The warehouse URL (default: $LAKE_WAREHOUSE_URL, else a local PostgreSQL under DIR/_lake/postgres)."
    )
    var warehouse: String?
    @Option(help: "Simulated days, one run each at 12:00 UTC.") var days: Int = 3
    @Option(help: ArgumentHelp("The first simulated day.", valueName: "YYYY-MM-DD")) var start: String = "2026-11-20"

    /// Written into a demo root, so a later demo may replace that folder (and no other).
    static let marker = ".lake-demo"

    func run() throws {
        guard days >= 1 && days <= 60 else { throw ValidationError("--days must be in 1...60") }
        let root = try freshRoot()
        let firstMillis = try PipelineTime.millis(start + "T12:00:00Z")
        let progress = { (line: String) in ProgressLine.writeError(line + "\n") }
        let server = try PipelineWarehouse(option: warehouse, root: root, progress: progress)
        defer { server.stop() }
        var options = PipelineOptions()
        options.pipeline = pipeline
        options.root = root

        var failures = 0
        for day in 0..<days {
            let millis = firstMillis + Int64(day) * 86_400_000
            print("== day \(day + 1): pipeline run at \(PipelineTime.text(millis: millis)) UTC")
            let report = try PipelineRunCommand.execute(
                options: options, root: root, group: nil, stage: .all, replay: replay,
                warehouse: server.url,
                clock: PipelineTime.clock(startingAt: millis))
            PipelineSummary.print(report)
            failures += report.failures.count
            print("")
        }

        let session = try LakeSession(root: root)
        let queries = [
            (
                "Time travel: silver.fact_crypto_market at its first data version and now",
                "SELECT 'version 1' AS version, count(*) AS row_count, count(DISTINCT snapshot_at) AS snapshots "
                    + "FROM silver.fact_crypto_market VERSION AS OF 1 UNION ALL "
                    + "SELECT 'latest', count(*), count(DISTINCT snapshot_at) FROM silver.fact_crypto_market"
            ),
            (
                "Market dominance and liquidity per snapshot",
                "SELECT snapshot_at, btc_dominance_pct, eth_dominance_pct, btc_dominance_delta_24h, "
                    + "market_liquidity_ratio FROM silver.fact_global_market ORDER BY snapshot_at"
            ),
            (
                "KPI: market dominance per complete day",
                "SELECT snapshot_date, btc_dominance_pct, eth_dominance_pct, btc_dominance_delta_1d, "
                    + "market_liquidity_ratio FROM silver.kpi_market_dominance ORDER BY snapshot_date"
            ),
            (
                "KPI: the largest coins by market-cap dominance at the latest snapshot",
                "SELECT m.snapshot_at, m.crypto_id, i.symbol, m.price_usd, m.market_cap_dominance_pct, "
                    + "m.volume_to_market_cap FROM silver.fact_crypto_market AS m "
                    + "LEFT JOIN silver.dim_crypto_id AS i ON i.crypto_id = m.crypto_id "
                    + "ORDER BY m.snapshot_at DESC, m.market_cap_dominance_pct DESC LIMIT 5"
            ),
            (
                "KPI: daily returns and 7-day volatility",
                "SELECT crypto_id, snapshot_date, price_usd, daily_return, volatility_7d "
                    + "FROM silver.kpi_crypto_returns ORDER BY snapshot_date DESC, crypto_id LIMIT 10"
            ),
        ]
        for (title, sql) in queries {
            print("== \(title)")
            print(sql)
            do {
                let result = try session.execute(sql)
                var printer = RowPrinter(format: .table)
                printer.start(result.schema)
                for batch in result.batches { printer.print(batch) }
                printer.finish()
            } catch {
                failures += 1
                print("query failed: \(error)")
            }
            print("")
        }

        print("== Warehouse tables at \(server.url)")
        try printWarehouseCounts(server.url)
        if failures > 0 {
            print("\nthe demo finished with \(failures) failure(s); see the summaries above")
            throw ExitCode(1)
        }
    }

    /// `dir` as an absolute path, emptied when it holds an earlier demo, created when missing.
    /// - Throws: when `dir` exists, is not empty and was not made by the demo.
    private func freshRoot() throws -> String {
        let path = URL(fileURLWithPath: dir).standardizedFileURL.path
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            let entries = try manager.contentsOfDirectory(atPath: path)
            // The Parquet demo that `make demo` ran before left only bronze/listings/ there.
            let parquetDemo =
                entries == ["bronze"] && (try? manager.contentsOfDirectory(atPath: path + "/bronze")) == ["listings"]
            guard entries.isEmpty || entries.contains(Self.marker) || parquetDemo else {
                throw ValidationError(
                    "\(path) is not empty and was not made by the demo; choose another --dir")
            }
            for entry in entries { try manager.removeItem(atPath: path + "/" + entry) }
        }
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        manager.createFile(
            atPath: path + "/" + Self.marker, contents: Data("lake pipeline demo root\n".utf8))
        return path
    }

    /// Row counts of the warehouse's tables in `public`.
    private func printWarehouseCounts(_ url: WarehouseURL) throws {
        let connection = try WarehouseConnection(url)
        let tables = try connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name")
        var names: [String] = []
        var counts: [String] = []
        for row in tables.rows {
            guard let name = row.first ?? nil else { continue }
            let count = try connection.execute("SELECT count(*) FROM \(try TableName(name).quoted())")
            names.append(name)
            counts.append(count.scalar ?? "?")
        }
        PipelineSummary.printTable([("table", names), ("rows", counts)])
    }
}
