import LakeColumnar
import LakeCore
import LakeHTTP
import LakePipeline
import LakeTestSupport
import Testing

/// End to end over real HTTP: a loopback server serves `Fixtures/api/` with injected faults, the libcurl client
/// with retries fetches them, and the run writes bronze snapshots and run records, failures included.
@Suite struct LoopbackExtractionTests {
    static let cmcKey = "cmc-9f3e2d1c-SECRET"
    static let geckoKey = "CG-demo-SECRET-77"

    @Test func faultsAreRetriedOrRecordedAndTheRunGoesOn() throws {
        let replay = try APIFixtures.replay()
        let routes = ScriptedRoutes()
        routes.setFallback { request in
            let query = request.queryItems.map { HTTPQueryItem($0.name, $0.value) }
            guard let response = try? replay.response(path: request.path, query: query, url: request.path) else {
                return .status(500)
            }
            return .respond(
                status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body)
        }
        // Retried to success: 429 with Retry-After, then 500; a cut connection; a truncated body.
        routes.script("/v1/cryptocurrency/listings/latest", [.tooManyRequests(retryAfter: "2"), .status(500)])
        routes.script("/v1/cryptocurrency/map", [.closeConnection])
        routes.script(
            "/v1/exchange/assets",
            [.truncated(status: 200, body: Array(#"{"status":{"error_code":0},"data":[]}"#.utf8), bytesSent: 9)])
        // Failures that are recorded while the run goes on. The client gives up after 1 s; the slow endpoint
        // answers after 2.5 s, so timing noise on a loaded machine cannot turn a normal request into a timeout.
        routes.script(
            "/v1/cryptocurrency/categories",
            [
                .json(
                    #"{"status":{"error_code":500,"error_message":"An internal server error occurred","#
                        + #""credit_count":0},"data":null}"#)
            ])
        routes.script(
            "/v1/global-metrics/quotes/latest", [.json(#"{"status":{"error_code":0},"data":{"btc_dominance":57.8"#)])
        routes.script("/v3/fear-and-greed/latest", Array(repeating: .delayed(millis: 2_500, .json("{}")), count: 3))
        routes.script("/v1/exchange/info", [.status(401)])
        let server = try LoopbackHTTPServer(handler: routes.reply)
        defer { server.stop() }
        // CoinGecko's second page never recovers; its first page is served normally.
        routes.setFallbackForCoinGeckoPageTwo(replay: replay)

        let scratch = try PipelineScratch()
        defer { scratch.remove() }
        let retryClock = ManualRetryClock(nowMillis: runStartMillis)
        let transport = RetryingTransport(
            base: HTTPClient(options: HTTPClientOptions(connectTimeoutMillis: 2_000, totalTimeoutMillis: 1_000)),
            policy: RetryPolicy(attemptsMax: 3, baseDelayMillis: 100, delayMaxMillis: 5_000), clock: retryClock,
            jitterSeed: 0x1A4E)
        let runner = ExtractionRunner(
            store: scratch.store, transport: transport,
            sources: [
                .coinMarketCap(baseURL: server.baseURL), .coinGecko(baseURL: server.baseURL + "/api/v3"),
            ],
            endpoints: APIFixtures.endpoints,
            environment: ["CMC_PRO_API_KEY": Self.cmcKey, "COINGECKO_API_KEY": Self.geckoKey],
            clock: .fixed(runStartMillis))
        let report = try runner.run()

        func record(_ endpoint: String) throws -> RunRecord { try #require(report.record(endpoint)) }
        #expect(report.records.count == 11)
        for (endpoint, rows) in [
            ("listings_latest", 12), ("cryptocurrency_map", 12), ("cryptocurrency_info", 12), ("exchange_map", 4),
            ("exchange_assets", 11),
        ] {
            let done = try record(endpoint)
            #expect(done.status == .succeeded, "\(endpoint): \(done.error ?? "")")
            #expect(done.rows == Int64(rows), "\(endpoint)")
            let bronze = try BronzeTable(store: scratch.store, path: try #require(done.bronzePath))
            #expect(bronze.rows.count == rows, "\(endpoint)")
        }
        let listings = try BronzeTable(store: scratch.store, path: try #require(record("listings_latest").bronzePath))
        #expect(
            Array(listings.column("symbol").prefix(5)) == ["BTC", "ETH", "USDT", "XRP", "BNB"].map { Value.string($0) })
        #expect(listings.rows[5]["quote_usd_percent_change_24h"] == .float64(-6.13))
        #expect(try record("listings_latest").requests == 3)
        #expect(server.requests(to: "/v1/cryptocurrency/listings/latest").count == 5)
        #expect(server.requests(to: "/v1/cryptocurrency/map").count == 2)
        #expect(server.requests(to: "/v1/exchange/assets").count == 5)
        #expect(retryClock.recordedSleeps.first == 2_000, "Retry-After: 2 is obeyed")

        let categories = try record("cryptocurrency_categories")
        #expect(categories.status == .failed)
        #expect(categories.error == "cryptocurrency_categories: API error 500: An internal server error occurred")
        #expect(
            try record("cryptocurrency_category").error
                == "cryptocurrency_category: no snapshot of cryptocurrency_categories to take ids from")
        #expect(
            try record("global_metrics_quotes_latest").error?.hasPrefix("global_metrics_quotes_latest: invalid payload")
                == true)
        let fear = try record("fear_and_greed_latest")
        #expect(fear.status == .failed)
        #expect(fear.error?.contains("gave up after 3 attempts") == true)
        #expect(fear.error?.contains("timed out") == true)
        #expect(server.requests(to: "/v3/fear-and-greed/latest").count == 3)
        #expect(
            try record("exchange_info").error
                == "exchange_info: \(server.baseURL)/v1/exchange/info?id=270%2C89%2C24%2C294: HTTP status 401")
        #expect(server.requests(to: "/v1/exchange/info").count == 1, "401 is not retried")
        let gecko = try record("coingecko_markets")
        #expect(gecko.status == .failed)
        #expect(gecko.bronzePath == nil)
        #expect(gecko.credits == 1, "the page that arrived is charged")
        #expect(gecko.error?.contains("HTTP status 503") == true)
        #expect(try scratch.store.list(prefix: "bronze/coingecko_markets/", after: nil).isEmpty)

        // The keys went to the server and nowhere else.
        for request in server.requests {
            if request.path.hasPrefix("/api/v3") {
                #expect(request.header("x-cg-demo-api-key") == Self.geckoKey)
            } else {
                #expect(request.header("x-cmc_pro_api_key") == Self.cmcKey, "\(request.path)")
            }
        }
        let stored = try RunRecordTable(store: scratch.store, clock: .fixed(runStartMillis)).readAll()
        #expect(stored == report.records)
        for stored in stored {
            let text = "\(stored)"
            #expect(!text.contains(Self.cmcKey) && !text.contains(Self.geckoKey))
        }
        #expect(
            stored.map(\.status.rawValue) == [
                "succeeded", "succeeded", "succeeded", "failed", "failed", "failed", "failed", "succeeded", "failed",
                "succeeded", "failed",
            ])
        let ledger = try CreditLedger.load(from: scratch.store, month: "2026-11")
        #expect(ledger.used == ["coinmarketcap": 10, "coingecko": 1])
    }
}

extension ScriptedRoutes {
    /// Serves CoinGecko's first page from the fixtures and answers 503 to every later page.
    fileprivate func setFallbackForCoinGeckoPageTwo(replay: ReplayTransport) {
        let previous = reply
        setFallback { request in
            if request.path == "/api/v3/coins/markets" {
                guard request.queryValue("page") == "1" else { return .status(503) }
            }
            let query = request.queryItems.map { HTTPQueryItem($0.name, $0.value) }
            guard let response = try? replay.response(path: request.path, query: query, url: request.path) else {
                return previous(request)
            }
            return .respond(
                status: response.status, headers: response.headers.map { ($0.name, $0.value) }, body: response.body)
        }
    }
}
