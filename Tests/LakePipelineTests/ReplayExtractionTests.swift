import LakeColumnar
import LakeCore
import LakeHTTP
import LakePipeline
import LakeTable
import LakeTestSupport
import Testing

/// The extraction stage offline: the replay transport serves `Fixtures/api/`.
@Suite struct ReplayExtractionTests {
    let sources = [
        APISource.coinMarketCap(baseURL: "http://replay.invalid", keyVariable: nil),
        APISource.coinGecko(baseURL: "http://replay.invalid/api/v3", keyVariable: nil),
    ]

    func runner(_ store: any ObjectStore, _ transport: any HTTPTransport, at millis: Int64 = runStartMillis)
        -> ExtractionRunner
    {
        ExtractionRunner(
            store: store, transport: transport, sources: sources, endpoints: APIFixtures.endpoints, environment: [:],
            clock: .fixed(millis))
    }

    @Test func everyEndpointLandsInBronzeWithExactRowsAndValues() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let transport = CountingTransport(try APIFixtures.replay())
        let report = try runner(scratch.store, transport).run()
        #expect(report.runID == "20261120_120000")
        #expect(report.failures.isEmpty, "\(report.failures)")
        let expected: [(String, Int64, Int64, Int64)] = [  // endpoint, rows, requests, credits
            ("listings_latest", 12, 3, 3), ("cryptocurrency_map", 12, 1, 1), ("cryptocurrency_info", 12, 1, 1),
            ("cryptocurrency_categories", 3, 1, 1), ("cryptocurrency_category", 7, 3, 3),
            ("global_metrics_quotes_latest", 1, 1, 1), ("fear_and_greed_latest", 1, 1, 1), ("exchange_map", 4, 1, 1),
            ("exchange_info", 4, 1, 1), ("exchange_assets", 11, 4, 4), ("coingecko_markets", 7, 2, 2),
        ]
        #expect(report.records.map(\.endpoint) == expected.map(\.0))
        for (endpoint, rows, requests, credits) in expected {
            let record = try #require(report.record(endpoint))
            #expect(record.status == .succeeded, "\(endpoint)")
            #expect(record.rows == rows, "\(endpoint)")
            #expect(record.requests == requests, "\(endpoint)")
            #expect(record.credits == credits, "\(endpoint)")
            let path = "bronze/\(endpoint)/\(endpoint)-20261120_120000.parquet"
            #expect(record.bronzePath == path)
            #expect(Int64(try BronzeTable(store: scratch.store, path: path).rows.count) == rows, "\(endpoint)")
        }
        #expect(transport.requests.count == 19)

        let listings = try BronzeTable(
            store: scratch.store, path: "bronze/listings_latest/listings_latest-20261120_120000.parquet")
        #expect(listings.type(of: "id") == .int64)
        #expect(listings.type(of: "quote_usd_price") == .float64)
        #expect(listings.type(of: "tags") == .utf8)
        #expect(listings.column("id").prefix(3) == [.int(1), .int(1027), .int(825)])
        #expect(listings.column("symbol").last == .string("TON"))
        #expect(listings.rows[0]["quote_usd_price"] == .float64(91234.56))
        #expect(listings.rows[0]["platform_token_address"] == .null)
        #expect(listings.rows[2]["platform_token_address"] == .string("0xdac17f958d2ee523a2206206994597c13d831ec7"))
        #expect(listings.rows[0]["tags"] == .string(#"["mineable","pow","sha-256","store-of-value"]"#))
        #expect(listings.column("cmc_rank") == (1...12).map { .int(Int64($0)) })
        #expect(listings.rows[0]["_extracted_at"] == .int(runStartMillis * 1_000))
        #expect(listings.schema.index(of: "platform") == nil)

        let category = try BronzeTable(
            store: scratch.store, path: "bronze/cryptocurrency_category/cryptocurrency_category-20261120_120000.parquet"
        )
        #expect(category.column("category_name").filter { $0 == .string("Layer 1") }.count == 4)
        #expect(category.column("category_id").first == .string("605e2ce9d41eae1066535f7c"))
        #expect(category.schema.index(of: "category_coins") == nil)

        let assets = try BronzeTable(
            store: scratch.store, path: "bronze/exchange_assets/exchange_assets-20261120_120000.parquet")
        #expect(assets.column("exchange_id").filter { $0 == .int(24) }.count == 2)
        #expect(assets.type(of: "currency_price_usd") == .float64)

        let info = try BronzeTable(
            store: scratch.store, path: "bronze/cryptocurrency_info/cryptocurrency_info-20261120_120000.parquet")
        #expect(info.schema.index(of: "tag_names") != nil)
        #expect(info.schema.index(of: "urls_website") != nil)

        let global = try BronzeTable(
            store: scratch.store,
            path: "bronze/global_metrics_quotes_latest/global_metrics_quotes_latest-20261120_120000.parquet")
        #expect(global.rows[0]["btc_dominance"] == .float64(57.8342))
        #expect(global.rows[0]["quote_usd_total_market_cap"] == .float64(3.1402e12))

        let gecko = try BronzeTable(
            store: scratch.store, path: "bronze/coingecko_markets/coingecko_markets-20261120_120000.parquet")
        #expect(
            gecko.column("id").map { $0 }
                == ["bitcoin", "ethereum", "tether", "ripple", "bnb", "solana", "usd-coin"].map { .string($0) })
        #expect(gecko.rows[1]["roi_times"] == .float64(31.52))

        let fear = try BronzeTable(
            store: scratch.store, path: "bronze/fear_and_greed_latest/fear_and_greed_latest-20261120_120000.parquet")
        #expect(fear.rows[0]["value"] == .int(24))
        #expect(fear.rows[0]["value_classification"] == .string("Extreme fear"))

        let ledger = try CreditLedger.load(from: scratch.store, month: "2026-11")
        #expect(ledger.used == ["coinmarketcap": 17, "coingecko": 2])
        let stored = try RunRecordTable(store: scratch.store, clock: .fixed(runStartMillis)).readAll()
        #expect(stored.count == 11)
        #expect(Set(stored.map(\.endpoint)) == Set(expected.map(\.0)))
        #expect(stored.allSatisfy { $0.status == .succeeded && $0.runID == "20261120_120000" })
        let listingsRecord = try #require(stored.first { $0.endpoint == "listings_latest" })
        #expect(listingsRecord == report.record("listings_latest"))
        #expect(
            listingsRecord.parameters
                == #"{"path":"/v1/cryptocurrency/listings/latest","requests":["convert=USD&start=1&limit=5","#
                + #""convert=USD&start=6&limit=5","convert=USD&start=11&limit=5"]}"#)
    }

    @Test func infoEndpointsFetchOnlyNewIDs() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        // Ten of the twelve coins were extracted by earlier runs.
        let known: Set<String> = ["1", "1027", "825", "52", "1839", "5426", "3408", "1958", "74", "2010"]
        try SeenIDs(byEndpoint: ["cryptocurrency_info": known]).save(to: scratch.store)
        let transport = CountingTransport(try APIFixtures.replay())
        let first = try runner(scratch.store, transport).run(only: ["cryptocurrency_map", "cryptocurrency_info"])
        let info = try #require(first.record("cryptocurrency_info"))
        #expect(info.status == .succeeded)
        #expect(info.rows == 2)
        let infoRequest = try #require(transport.requests.last)
        #expect(infoRequest.query == [HTTPQueryItem("id", "1975,11419")])
        let rows = try BronzeTable(store: scratch.store, path: try #require(info.bronzePath))
        #expect(rows.column("symbol") == [.string("LINK"), .string("TON")])
        #expect(try SeenIDs.load(from: scratch.store).byEndpoint["cryptocurrency_info"]?.count == 12)

        let second = try runner(scratch.store, transport, at: runStartMillis + 3_600_000)
            .run(only: ["cryptocurrency_map", "cryptocurrency_info"])
        #expect(second.record("cryptocurrency_map")?.status == .succeeded)
        #expect(second.record("cryptocurrency_info")?.status == .skipped)
        #expect(second.record("cryptocurrency_info")?.requests == 0)
        #expect(transport.requests.count == 3)
        let history = try RunRecordTable(store: scratch.store, clock: .fixed(runStartMillis)).readAll()
        #expect(history.map(\.status) == [.succeeded, .succeeded, .succeeded, .skipped])
    }

    @Test func aRunThatWouldBreakTheBudgetIsRefusedBeforeAnyRequest() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        try CreditLedger(month: "2026-11", used: ["coinmarketcap": 80]).save(to: scratch.store)
        let tight = [
            APISource.coinMarketCap(
                baseURL: "http://replay.invalid", monthlyCreditsMax: 100, reserveCredits: 10, keyVariable: nil)
        ]
        let transport = CountingTransport(try APIFixtures.replay())
        let runner = ExtractionRunner(
            store: scratch.store, transport: transport, sources: tight,
            endpoints: [.listingsLatest(pageSize: 5, itemsMax: 100), .globalMetricsQuotesLatest()], environment: [:],
            clock: .fixed(runStartMillis))
        // listings may page 20 times (20 credits) and global metrics costs 1: 21 > 100 - 10 - 80.
        #expect(throws: PipelineError.creditBudgetExceeded(source: "coinmarketcap", needed: 21, available: 10)) {
            try runner.run()
        }
        #expect(transport.requests.isEmpty)
        #expect(try scratch.store.list(prefix: "bronze/", after: nil).isEmpty)
        let records = try RunRecordTable(store: scratch.store, clock: .fixed(runStartMillis)).readAll()
        #expect(records.map(\.status) == [.refused, .refused])
        #expect(records.allSatisfy { $0.error?.contains("only 10 remain") == true })
        #expect(try CreditLedger.load(from: scratch.store, month: "2026-11").used == ["coinmarketcap": 80])

        // Within budget it runs, and the ledger records what the API said each call cost.
        let narrow = ExtractionRunner(
            store: scratch.store, transport: transport, sources: tight, endpoints: [.globalMetricsQuotesLatest()],
            environment: [:], clock: .fixed(runStartMillis))
        #expect(try narrow.run().failures.isEmpty)
        #expect(try CreditLedger.load(from: scratch.store, month: "2026-11").used == ["coinmarketcap": 81])
    }

    @Test func anEndpointWhoseKnownCostBreaksTheBudgetFailsAlone() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        // Before the run no map snapshot exists, so info is estimated at 0 and the run fits (map costs 1). Once
        // the map has run, info knows its 12 ids (1 credit) and no longer fits: it fails, the run goes on.
        try CreditLedger(month: "2026-11", used: ["coinmarketcap": 89]).save(to: scratch.store)
        let tight = [
            APISource.coinMarketCap(
                baseURL: "http://replay.invalid", monthlyCreditsMax: 100, reserveCredits: 10, keyVariable: nil)
        ]
        let transport = CountingTransport(try APIFixtures.replay())
        let runner = ExtractionRunner(
            store: scratch.store, transport: transport, sources: tight,
            endpoints: [.cryptocurrencyMap(itemsMax: 5_000), .cryptocurrencyInfo()], environment: [:],
            clock: .fixed(runStartMillis))
        let report = try runner.run()
        #expect(report.record("cryptocurrency_map")?.status == .succeeded)
        let info = try #require(report.record("cryptocurrency_info"))
        #expect(info.status == .failed)
        #expect(
            info.error
                == PipelineError.creditBudgetExceeded(source: "coinmarketcap", needed: 1, available: 0).description)
        #expect(info.requests == 0)
        #expect(transport.requests.count == 1)
        #expect(try CreditLedger.load(from: scratch.store, month: "2026-11").used == ["coinmarketcap": 90])
    }

    @Test func snapshotsAreNeverOverwritten() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let transport = try APIFixtures.replay()
        let first = try runner(scratch.store, transport).run(only: ["fear_and_greed_latest"])
        #expect(first.failures.isEmpty)
        let path = try #require(first.record("fear_and_greed_latest")?.bronzePath)
        let before = try scratch.store.read(path)
        let second = try runner(scratch.store, transport).run(only: ["fear_and_greed_latest"])
        let failure = try #require(second.record("fear_and_greed_latest"))
        #expect(failure.status == .failed)
        #expect(failure.error == PipelineError.bronzeSnapshotExists(path: path).description)
        #expect(try scratch.store.read(path) == before)
    }

    @Test func unknownEndpointsAndSourcesAreDefinitionErrors() throws {
        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let transport = try APIFixtures.replay()
        #expect(throws: PipelineError.invalidDefinition(location: "extraction", reason: "unknown endpoint nope")) {
            try runner(scratch.store, transport).run(only: ["nope"])
        }
        let orphan = ExtractionRunner(
            store: scratch.store, transport: transport, sources: [], endpoints: [.fearAndGreedLatest()],
            environment: [:], clock: .fixed(runStartMillis))
        #expect(
            throws: PipelineError.invalidDefinition(
                location: "fear_and_greed_latest", reason: "unknown source coinmarketcap")
        ) {
            try orphan.run()
        }
    }

    @Test func replayAnswersMatchingRoutesAndSelectsIDs() throws {
        let replay = try APIFixtures.replay()
        let page = try replay.send(
            HTTPRequest(
                url: "http://x/v1/cryptocurrency/listings/latest", query: [.init("start", "6"), .init("limit", "5")]))
        #expect(page.status == 200)
        let pageJSON = try JSONParser.parse(page.body)
        #expect(pageJSON["data"]?[0]?["symbol"]?.stringValue == "SOL")
        let info = try replay.send(HTTPRequest(url: "http://x/v2/cryptocurrency/info", query: [.init("id", "52,1")]))
        let infoJSON = try JSONParser.parse(info.body)
        #expect(infoJSON["data"]?.objectValue?.keys.sorted() == ["1", "52"])
        #expect(try replay.send(HTTPRequest(url: "http://x/v1/unknown")).status == 404)
    }
}
