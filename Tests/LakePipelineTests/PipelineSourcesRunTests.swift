import Foundation
import LakeColumnar
import LakeCore
import LakePipeline
import LakeTable
import LakeTestSupport
import LakeWarehouse
import Testing

/// The extract stage runs the CSV and PostgreSQL sources declared in the pipeline file, records each as an
/// extract step, and the models reading `bronze.<source>` transform what they wrote.
@Suite struct PipelineSourcesRunTests {
    static let text = """
        [pipeline]
        name = "sources-run"

        [csv_source.prices]
        folder = "inbox/prices"
        schema = "symbol:utf8 not null, price:float64"

        [csv_source.broken]
        folder = "inbox/broken"
        schema = "id:int64"

        [postgres_source.trades]
        url_env = "SOURCE_DATABASE_URL"
        table = "public.trades"
        cursor = "id"

        [group.daily]
        cadence = "daily"
        times = ["06:00"]
        endpoints = ["prices", "broken", "trades"]

        [model.price_list]
        sql = "models/price_list.sql"
        inputs = ["bronze.prices"]
        mode = "append"

        [model.trade_list]
        sql = "models/trade_list.sql"
        inputs = ["bronze.trades"]
        mode = "append"
        """
    static let files = [
        "models/price_list.sql": "SELECT symbol, price, _source_file AS source_file FROM bronze.prices",
        "models/trade_list.sql": "SELECT id, symbol, qty FROM bronze.trades",
    ]

    /// The pipeline above in a scratch folder, and a lake root of its own.
    struct Fixture {
        let pipeline: PipelineScratch
        let lake: PipelineScratch
        let definition: PipelineDefinition

        init() throws {
            pipeline = try PipelineScratch()
            lake = try PipelineScratch()
            for (path, text) in PipelineSourcesRunTests.files.merging(
                ["pipeline.toml": PipelineSourcesRunTests.text], uniquingKeysWith: { $1 })
            {
                try pipeline.store.put(path, Array(text.utf8))
            }
            definition = try PipelineDefinition.load(
                path: "pipeline.toml", store: pipeline.store, catalog: ReplayFixtures.catalog)
        }

        func drop(_ text: String, as path: String) throws {
            try lake.store.put(path, Array(text.utf8))
        }

        func run(at millis: Int64, environment: [String: String] = [:]) throws -> PipelineRunReport {
            try PipelineRunner(
                definition: definition, root: lake.url.path, pipelineFiles: pipeline.store,
                transport: try APIFixtures.replay(), sources: ReplayFixtures.sources, environment: environment,
                warehouse: nil, clock: .fixed(millis)
            ).run(group: "daily", stage: .all)
        }

        func remove() {
            pipeline.remove()
            lake.remove()
        }
    }

    @Test func aCSVSourceFeedsItsModelAndFailingSourcesDoNotStopTheRun() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.drop("symbol,price\nBTC,100.5\nETH,20\n", as: "inbox/prices/day1.csv")
        try fixture.drop("id\n1\nnot-a-number\n", as: "inbox/broken/bad.csv")

        let first = try fixture.run(at: runStartMillis)
        #expect(
            first.records.map(\.step) == [
                .extract(endpoint: "prices"), .extract(endpoint: "broken"), .extract(endpoint: "trades"),
                .runModel("price_list"), .runModel("trade_list"),
            ])
        let prices = try #require(first.record(.extract(endpoint: "prices")))
        #expect(prices.status == .succeeded)
        #expect(prices.rows == 2)
        #expect(prices.detail == "bronze/prices/prices-20261120_120000.parquet")
        let broken = try #require(first.record(.extract(endpoint: "broken")))
        #expect(broken.status == .failed)
        #expect(broken.error?.contains("inbox/broken/bad.csv:3") == true, "\(broken.error ?? "")")
        let trades = try #require(first.record(.extract(endpoint: "trades")))
        #expect(trades.status == .failed)
        #expect(
            trades.error == "$SOURCE_DATABASE_URL: the environment variable holding the source database URL is not set")
        #expect(first.record(.runModel("price_list"))?.status == .succeeded)
        #expect(first.record(.runModel("trade_list"))?.status != .succeeded)
        #expect(try lakeRowCount(fixture.lake.store, "silver/price_list") == 2)
        #expect(try PipelineRunTable(store: fixture.lake.store, clock: .system).readAll() == first.records)

        // The source's run records sit beside the endpoints' in _lake/extract_runs.
        let extractRuns = try RunRecordTable(store: fixture.lake.store, clock: .system).readAll()
        #expect(Set(extractRuns.map(\.endpoint)) == ["prices", "broken"])
        #expect(extractRuns.first { $0.endpoint == "prices" }?.source == CSVFolderSource.recordSource)

        // A new file is taken by the next run and appended; the taken one is not read again.
        try fixture.drop("symbol,price\nSOL,3.25\n", as: "inbox/prices/day2.csv")
        let second = try fixture.run(at: runStartMillis + 3_600_000)
        #expect(second.record(.extract(endpoint: "prices"))?.rows == 1)
        #expect(second.record(.runModel("price_list"))?.status == .succeeded)
        #expect(try lakeRowCount(fixture.lake.store, "silver/price_list") == 3)

        let third = try fixture.run(at: runStartMillis + 7_200_000)
        #expect(third.record(.extract(endpoint: "prices"))?.status == .unchanged)
        #expect(third.record(.extract(endpoint: "prices"))?.detail == "no new file")
        #expect(third.record(.runModel("price_list"))?.status == .unchanged)
        #expect(third.record(.extract(endpoint: "broken"))?.status == .failed, "the bad file is retried")
    }

    @Test func aURLVariableThatIsNotAURLFailsTheSourceWithoutShowingIt() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let report = try fixture.run(
            at: runStartMillis, environment: ["SOURCE_DATABASE_URL": "postgres://me:hunter2@[broken"])
        let trades = try #require(report.record(.extract(endpoint: "trades")))
        #expect(trades.status == .failed)
        #expect(trades.error?.hasPrefix("$SOURCE_DATABASE_URL: invalid warehouse URL") == true, "\(trades.error ?? "")")
        #expect(trades.error?.contains("hunter2") == false)
        #expect(report.record(.extract(endpoint: "prices"))?.status == .unchanged)
    }

    @Test func aPostgresSourceReadsItsURLFromTheEnvironmentAndExtractsIncrementally() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = try PostgresServer.shared()
        let database =
            "lake_pipeline_sources_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let url = try server.createDatabase(database)
        _ = try server.psql(
            """
            CREATE TABLE public.trades (id bigint PRIMARY KEY, symbol text NOT NULL, qty integer);
            INSERT INTO public.trades VALUES (1, 'BTC', 3), (2, 'ETH', NULL);
            """, database: database)
        let environment = ["SOURCE_DATABASE_URL": url]

        let first = try fixture.run(at: runStartMillis, environment: environment)
        let trades = try #require(first.record(.extract(endpoint: "trades")))
        #expect(trades.status == .succeeded, "\(trades.error ?? "")")
        #expect(trades.rows == 2)
        #expect(trades.detail == "bronze/trades/trades-20261120_120000.parquet")
        #expect(first.record(.extract(endpoint: "prices"))?.status == .unchanged)
        #expect(first.record(.runModel("trade_list"))?.status == .succeeded)
        #expect(try lakeRowCount(fixture.lake.store, "silver/trade_list") == 2)
        let recorded = try RunRecordTable(store: fixture.lake.store, clock: .system).readAll()
        #expect(recorded.first { $0.endpoint == "trades" }?.source == PostgresSource.recordSource)

        _ = try server.psql("INSERT INTO public.trades VALUES (3, 'SOL', 7);", database: database)
        let second = try fixture.run(at: runStartMillis + 3_600_000, environment: environment)
        #expect(second.record(.extract(endpoint: "trades"))?.rows == 1)
        #expect(try lakeRowCount(fixture.lake.store, "silver/trade_list") == 3)

        let third = try fixture.run(at: runStartMillis + 7_200_000, environment: environment)
        #expect(third.record(.extract(endpoint: "trades"))?.status == .unchanged)
        #expect(third.record(.extract(endpoint: "trades"))?.detail == "no new row")
        #expect(third.record(.runModel("trade_list"))?.status == .unchanged)
    }
}
