import Foundation
import LakeColumnar
import LakeSQL
import LakeTestSupport
import Testing

/// The reference pipeline's SQL models (`Fixtures/pipeline/models/*.sql`) bind and optimize against the bronze
/// schemas `RecordFlattener` gives the replay payloads of `Fixtures/api/`, and against the silver tables the other
/// models produce.
@Suite struct ReferenceModelBindingTests {
    /// Bronze columns per endpoint as `RecordFlattener` produces them from all replay payloads of `Fixtures/api/`
    /// (spec/pipeline.md#flattening: nested objects joined with `_`, arrays as JSON text, all-null columns `utf8`;
    /// `exchange_assets` gets its `exchange_id` context column), each followed by `_extracted_at`. Written out
    /// because LakeSQL's tests do not depend on LakePipeline; `ReferenceModelColumnsTests` (LakePipelineTests)
    /// checks the names the models use against a real replay extraction. Update this list with the fixtures.
    static let bronzeColumns: KeyValuePairs<String, [(String, DataType)]> = [
        "listings_latest": [
            ("id", .int64), ("name", .utf8), ("symbol", .utf8), ("slug", .utf8), ("num_market_pairs", .int64),
            ("date_added", .utf8), ("tags", .utf8), ("max_supply", .int64), ("circulating_supply", .int64),
            ("total_supply", .int64), ("infinite_supply", .bool), ("cmc_rank", .int64),
            ("self_reported_circulating_supply", .utf8), ("self_reported_market_cap", .utf8), ("tvl_ratio", .utf8),
            ("last_updated", .utf8), ("quote_usd_price", .float64), ("quote_usd_volume_24h", .float64),
            ("quote_usd_volume_change_24h", .float64), ("quote_usd_percent_change_1h", .float64),
            ("quote_usd_percent_change_24h", .float64), ("quote_usd_percent_change_7d", .float64),
            ("quote_usd_percent_change_30d", .float64), ("quote_usd_market_cap", .float64),
            ("quote_usd_market_cap_dominance", .float64), ("quote_usd_fully_diluted_market_cap", .float64),
            ("quote_usd_tvl", .utf8), ("quote_usd_last_updated", .utf8), ("platform_id", .int64),
            ("platform_name", .utf8), ("platform_symbol", .utf8), ("platform_slug", .utf8),
            ("platform_token_address", .utf8),
        ],
        "cryptocurrency_map": [
            ("id", .int64), ("rank", .int64), ("name", .utf8), ("symbol", .utf8), ("slug", .utf8),
            ("is_active", .int64), ("first_historical_data", .utf8), ("last_historical_data", .utf8),
            ("platform_id", .int64), ("platform_name", .utf8), ("platform_symbol", .utf8), ("platform_slug", .utf8),
            ("platform_token_address", .utf8),
        ],
        "cryptocurrency_info": [
            ("id", .int64), ("name", .utf8), ("symbol", .utf8), ("category", .utf8), ("description", .utf8),
            ("slug", .utf8), ("logo", .utf8), ("subreddit", .utf8), ("notice", .utf8), ("tags", .utf8),
            ("tag_names", .utf8), ("tag_groups", .utf8), ("urls_website", .utf8), ("urls_twitter", .utf8),
            ("urls_message_board", .utf8), ("urls_chat", .utf8), ("urls_facebook", .utf8), ("urls_explorer", .utf8),
            ("urls_reddit", .utf8), ("urls_technical_doc", .utf8), ("urls_source_code", .utf8),
            ("urls_announcement", .utf8), ("date_added", .utf8), ("twitter_username", .utf8), ("is_hidden", .int64),
            ("date_launched", .utf8), ("contract_address", .utf8), ("self_reported_circulating_supply", .utf8),
            ("self_reported_tags", .utf8), ("self_reported_market_cap", .utf8), ("infinite_supply", .bool),
            ("platform_id", .int64), ("platform_name", .utf8), ("platform_symbol", .utf8), ("platform_slug", .utf8),
            ("platform_token_address", .utf8),
        ],
        "cryptocurrency_categories": [
            ("id", .utf8), ("name", .utf8), ("title", .utf8), ("description", .utf8), ("num_tokens", .int64),
            ("avg_price_change", .float64), ("market_cap", .float64), ("market_cap_change", .float64),
            ("volume", .float64), ("volume_change", .float64), ("last_updated", .utf8),
        ],
        "cryptocurrency_category": [
            ("category_id", .utf8), ("category_name", .utf8), ("category_title", .utf8),
            ("category_description", .utf8), ("category_num_tokens", .int64),
            ("category_avg_price_change", .float64), ("category_market_cap", .float64),
            ("category_market_cap_change", .float64), ("category_volume", .float64),
            ("category_volume_change", .float64), ("category_last_updated", .utf8), ("id", .int64), ("name", .utf8),
            ("symbol", .utf8), ("slug", .utf8), ("num_market_pairs", .int64), ("date_added", .utf8),
            ("tags", .utf8), ("max_supply", .int64), ("circulating_supply", .int64), ("total_supply", .int64),
            ("infinite_supply", .bool), ("cmc_rank", .int64), ("self_reported_circulating_supply", .utf8),
            ("self_reported_market_cap", .utf8), ("tvl_ratio", .utf8), ("last_updated", .utf8),
            ("quote_usd_price", .float64), ("quote_usd_volume_24h", .float64),
            ("quote_usd_volume_change_24h", .float64), ("quote_usd_percent_change_1h", .float64),
            ("quote_usd_percent_change_24h", .float64), ("quote_usd_percent_change_7d", .float64),
            ("quote_usd_percent_change_30d", .float64), ("quote_usd_market_cap", .float64),
            ("quote_usd_market_cap_dominance", .float64), ("quote_usd_fully_diluted_market_cap", .float64),
            ("quote_usd_tvl", .utf8), ("quote_usd_last_updated", .utf8), ("platform_id", .int64),
            ("platform_name", .utf8), ("platform_symbol", .utf8), ("platform_slug", .utf8),
            ("platform_token_address", .utf8),
        ],
        "global_metrics_quotes_latest": [
            ("active_cryptocurrencies", .int64), ("total_cryptocurrencies", .int64),
            ("active_market_pairs", .int64), ("active_exchanges", .int64), ("total_exchanges", .int64),
            ("eth_dominance", .float64), ("btc_dominance", .float64), ("eth_dominance_yesterday", .float64),
            ("btc_dominance_yesterday", .float64), ("eth_dominance_24h_percentage_change", .float64),
            ("btc_dominance_24h_percentage_change", .float64), ("defi_volume_24h", .float64),
            ("defi_volume_24h_reported", .float64), ("defi_market_cap", .float64),
            ("defi_24h_percentage_change", .float64), ("stablecoin_volume_24h", .float64),
            ("stablecoin_volume_24h_reported", .float64), ("stablecoin_market_cap", .float64),
            ("stablecoin_24h_percentage_change", .float64), ("derivatives_volume_24h", .float64),
            ("derivatives_volume_24h_reported", .float64), ("derivatives_24h_percentage_change", .float64),
            ("quote_usd_total_market_cap", .float64), ("quote_usd_total_volume_24h", .float64),
            ("quote_usd_total_volume_24h_reported", .float64), ("quote_usd_altcoin_volume_24h", .float64),
            ("quote_usd_altcoin_volume_24h_reported", .float64), ("quote_usd_altcoin_market_cap", .float64),
            ("quote_usd_total_market_cap_yesterday", .float64), ("quote_usd_total_volume_24h_yesterday", .float64),
            ("quote_usd_total_market_cap_yesterday_percentage_change", .float64),
            ("quote_usd_total_volume_24h_yesterday_percentage_change", .float64), ("quote_usd_last_updated", .utf8),
            ("last_updated", .utf8),
        ],
        "fear_and_greed_latest": [
            ("value", .int64), ("update_time", .utf8), ("value_classification", .utf8),
        ],
        "exchange_map": [
            ("id", .int64), ("name", .utf8), ("slug", .utf8), ("is_active", .int64),
            ("first_historical_data", .utf8), ("last_historical_data", .utf8),
        ],
        "exchange_info": [
            ("id", .int64), ("name", .utf8), ("slug", .utf8), ("logo", .utf8), ("description", .utf8),
            ("date_launched", .utf8), ("notice", .utf8), ("countries", .utf8), ("fiats", .utf8), ("tags", .utf8),
            ("type", .utf8), ("maker_fee", .float64), ("taker_fee", .float64), ("weekly_visits", .int64),
            ("spot_volume_usd", .float64), ("spot_volume_last_updated", .utf8), ("urls_website", .utf8),
            ("urls_twitter", .utf8), ("urls_blog", .utf8), ("urls_chat", .utf8), ("urls_fee", .utf8),
        ],
        "exchange_assets": [
            ("wallet_address", .utf8), ("balance", .float64), ("platform_crypto_id", .int64),
            ("platform_symbol", .utf8), ("platform_name", .utf8), ("currency_crypto_id", .int64),
            ("currency_price_usd", .float64), ("currency_symbol", .utf8), ("currency_name", .utf8),
            ("exchange_id", .int64),
        ],
        "coingecko_markets": [
            ("id", .utf8), ("symbol", .utf8), ("name", .utf8), ("image", .utf8), ("current_price", .float64),
            ("market_cap", .int64), ("market_cap_rank", .int64), ("fully_diluted_valuation", .int64),
            ("total_volume", .int64), ("high_24h", .float64), ("low_24h", .float64), ("price_change_24h", .float64),
            ("price_change_percentage_24h", .float64), ("market_cap_change_24h", .float64),
            ("market_cap_change_percentage_24h", .float64), ("circulating_supply", .float64),
            ("total_supply", .float64), ("max_supply", .float64), ("ath", .float64),
            ("ath_change_percentage", .float64), ("ath_date", .utf8), ("atl", .float64),
            ("atl_change_percentage", .float64), ("atl_date", .utf8), ("last_updated", .utf8),
            ("roi_times", .float64), ("roi_currency", .utf8), ("roi_percentage", .float64),
        ],
    ]

    /// Models in dependency order: the bronze models, then those reading silver tables.
    static let modelOrder = [
        "dim_exchange_id", "dim_exchange_map", "dim_exchange_info", "fact_exchange_assets", "dim_crypto_id",
        "dim_crypto_map", "dim_crypto_info", "fact_crypto_market", "dim_crypto_category", "crypto_category_link",
        "fact_crypto_category", "fact_global_market", "fact_market_sentiment", "kpi_crypto_returns",
        "kpi_market_dominance", "kpi_category_dominance", "hourly_avg_price", "daily_performance_ranking",
        "price_move_alerts", "daily_volume",
    ]

    static var bronzeCatalog: InMemoryCatalog {
        var catalog = InMemoryCatalog()
        for (endpoint, columns) in bronzeColumns {
            let fields = columns.map { Field($0.0, $0.1, nullable: true) }
            let stamp = Field("_extracted_at", .timestamp(.microseconds, utc: true), nullable: false)
            catalog.register("bronze.\(endpoint)", Schema(fields + [stamp]))
        }
        return catalog
    }

    static func modelText(_ name: String) throws -> String {
        let url = try FixturePaths.repositoryRoot().appendingPathComponent("Fixtures/pipeline/models/\(name).sql")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Binds every model in order, registering each output as `silver.<model>`; the optimized plans by name.
    static func bindAll() throws -> [String: LogicalPlan] {
        var catalog = bronzeCatalog
        var plans: [String: LogicalPlan] = [:]
        for name in modelOrder {
            let text = try modelText(name)
            let statement: BoundStatement
            do {
                statement = try Binder(catalog: catalog).bind(sql: text)
            } catch {
                Issue.record("model \(name): \(error.rendered(in: text))")
                continue
            }
            guard case .query(let plan) = statement else {
                Issue.record("model \(name) is not a query")
                continue
            }
            plans[name] = Optimizer().optimize(plan)
            catalog.register("silver.\(name)", plan.schema)
        }
        return plans
    }

    @Test func everyModelBindsAndOptimizes() throws {
        let plans = try Self.bindAll()
        #expect(plans.count == Self.modelOrder.count)
    }

    @Test func theModelListCoversEveryModelFile() throws {
        let folder = try FixturePaths.repositoryRoot().appendingPathComponent("Fixtures/pipeline/models")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }
        #expect(files.sorted() == Self.modelOrder.sorted())
    }

    @Test func modelOutputsHaveTheTypesTheWarehouseLoads() throws {
        let plans = try Self.bindAll()
        func types(_ model: String) -> [String: String] {
            let fields = plans[model]?.schema.fields ?? []
            return Dictionary(uniqueKeysWithValues: fields.map { ($0.name, "\($0.type)") })
        }
        let market = types("fact_crypto_market")
        #expect(market["crypto_id"] == "int64")
        #expect(market["snapshot_at"] == "timestamp(us,UTC)")
        #expect(market["snapshot_date"] == "date32")
        #expect(market["quoted_at"] == "timestamp(us,UTC)")
        #expect(market["volume_to_market_cap"] == "float64")
        #expect(types("dim_crypto_map")["is_active"] == "bool")
        #expect(types("fact_market_sentiment")["classification"] == "utf8")
        #expect(types("hourly_avg_price")["price_hour"] == "timestamp(us,UTC)")
        #expect(types("hourly_avg_price")["snapshots"] == "int64")
        #expect(types("daily_performance_ranking")["performance_rank"] == "int64")
        #expect(types("kpi_crypto_returns")["volatility_30d"] == "float64")
        #expect(types("kpi_category_dominance")["category_name"] == "utf8")
    }

    @Test func completeDayModelsCompareWithAScalarSubquery() throws {
        let plans = try Self.bindAll()
        let withSubqueries = Self.modelOrder.filter { plans[$0]?.containsSubquery == true }
        #expect(
            withSubqueries == [
                "kpi_crypto_returns", "kpi_market_dominance", "kpi_category_dominance", "hourly_avg_price",
                "daily_performance_ranking", "daily_volume",
            ])
        // What the session runs once the subquery is evaluated: the bound is a constant pushed into the scan.
        let hourly = try #require(plans["hourly_avg_price"])
        #expect(
            hourly.explain == """
                Project [crypto_id#0 AS crypto_id, date_trunc('hour', snapshot_at)#1 AS price_hour, avg(price_usd)#2 AS avg_price_usd, min(price_usd)#3 AS min_price_usd, max(price_usd)#4 AS max_price_usd, count(*)#5 AS snapshots]
                  Aggregate keys=[crypto_id#0 AS crypto_id, date_trunc('hour', snapshot_at#1) AS date_trunc('hour', snapshot_at)] aggregates=[avg(price_usd#2) AS avg(price_usd), min(price_usd#2) AS min(price_usd), max(price_usd#2) AS max(price_usd), count(*) AS count(*)]
                    Scan silver.fact_crypto_market@0 columns=[crypto_id, snapshot_at, price_usd] filters=[(date_trunc('hour', snapshot_at#1) < $1)]
                      Subquery $1
                        Project [date_trunc('hour', max(snapshot_at)#0) AS date_trunc('hour', max(snapshot_at))]
                          Aggregate keys=[] aggregates=[max(snapshot_at#0) AS max(snapshot_at)]
                            Scan silver.fact_crypto_market@0 columns=[snapshot_at]
                """)
        let lastHour = Value.int(1_764_000_000_000_000)
        let replaced = try hourly.replacingSubqueries { _ in [lastHour] }
        #expect(replaced.explain.contains("filters=[(date_trunc('hour', snapshot_at#1) < TIMESTAMP '2025-11-24 16:00:00')]"))
    }
}
