import LakeHTTP

/// The endpoints of the reference crypto lakehouse, modelled on the CoinMarketCap Pro API and CoinGecko v3.
///
/// Credit rules are the published ones as of writing (spec/pipeline.md#credit-rules); page sizes and id limits
/// are parameters so tests and small plans can shrink them.
///
/// Spec: spec/pipeline.md#endpoints
extension Endpoint {
    /// `/v1/cryptocurrency/listings/latest`: ranked coins with USD quotes, paged by `start`/`limit`.
    public static func listingsLatest(pageSize: Int = 5_000, itemsMax: Int = 5_000) -> Endpoint {
        Endpoint(
            name: "listings_latest", source: "coinmarketcap", path: "/v1/cryptocurrency/listings/latest",
            parameters: [HTTPQueryItem("convert", "USD")], paging: .startLimit(pageSize: pageSize, itemsMax: itemsMax),
            layout: .dataArray, credits: .perItems(200))
    }

    /// `/v1/cryptocurrency/map`: every coin's id, slug and activity dates.
    public static func cryptocurrencyMap(pageSize: Int = 5_000, itemsMax: Int = 20_000) -> Endpoint {
        Endpoint(
            name: "cryptocurrency_map", source: "coinmarketcap", path: "/v1/cryptocurrency/map",
            parameters: [HTTPQueryItem("listing_status", "active")],
            paging: .startLimit(pageSize: pageSize, itemsMax: itemsMax), layout: .dataArray, credits: .perRequest(1))
    }

    /// `/v2/cryptocurrency/info`: static metadata, fetched incrementally for ids of `cryptocurrency_map`.
    public static func cryptocurrencyInfo(batchSize: Int = 100, idsMax: Int = 1_000) -> Endpoint {
        Endpoint(
            name: "cryptocurrency_info", source: "coinmarketcap", path: "/v2/cryptocurrency/info",
            ids: EndpointIDInput(
                sourceEndpoint: "cryptocurrency_map", batchSize: batchSize, incremental: true, idsMax: idsMax),
            layout: .dataObjectValues, credits: .perItems(100))
    }

    /// `/v1/cryptocurrency/categories`: every category with its aggregate market figures.
    public static func cryptocurrencyCategories() -> Endpoint {
        Endpoint(
            name: "cryptocurrency_categories", source: "coinmarketcap", path: "/v1/cryptocurrency/categories",
            layout: .dataArray, credits: .perRequest(1))
    }

    /// `/v1/cryptocurrency/category`: the coins of each category id in `cryptocurrency_categories`.
    public static func cryptocurrencyCategory(idsMax: Int = 50) -> Endpoint {
        Endpoint(
            name: "cryptocurrency_category", source: "coinmarketcap", path: "/v1/cryptocurrency/category",
            parameters: [HTTPQueryItem("convert", "USD")],
            ids: EndpointIDInput(
                sourceEndpoint: "cryptocurrency_categories", batchSize: 1, incremental: false, idsMax: idsMax),
            layout: .dataChildArray(key: "coins", prefix: "category_"), credits: .perItems(200))
    }

    /// `/v1/global-metrics/quotes/latest`: market-wide totals and dominance.
    public static func globalMetricsQuotesLatest() -> Endpoint {
        Endpoint(
            name: "global_metrics_quotes_latest", source: "coinmarketcap", path: "/v1/global-metrics/quotes/latest",
            parameters: [HTTPQueryItem("convert", "USD")], layout: .dataObject, credits: .perRequest(1))
    }

    /// `/v3/fear-and-greed/latest`: the fear and greed index.
    public static func fearAndGreedLatest() -> Endpoint {
        Endpoint(
            name: "fear_and_greed_latest", source: "coinmarketcap", path: "/v3/fear-and-greed/latest",
            layout: .dataObject, credits: .perRequest(1))
    }

    /// `/v1/exchange/map`: every exchange's id and slug.
    public static func exchangeMap(pageSize: Int = 5_000, itemsMax: Int = 5_000) -> Endpoint {
        Endpoint(
            name: "exchange_map", source: "coinmarketcap", path: "/v1/exchange/map",
            paging: .startLimit(pageSize: pageSize, itemsMax: itemsMax), layout: .dataArray, credits: .perRequest(1))
    }

    /// `/v1/exchange/info`: exchange metadata, fetched incrementally for ids of `exchange_map`.
    public static func exchangeInfo(batchSize: Int = 100, idsMax: Int = 500) -> Endpoint {
        Endpoint(
            name: "exchange_info", source: "coinmarketcap", path: "/v1/exchange/info",
            ids: EndpointIDInput(
                sourceEndpoint: "exchange_map", batchSize: batchSize, incremental: true, idsMax: idsMax),
            layout: .dataObjectValues, credits: .perItems(100))
    }

    /// `/v1/exchange/assets`: wallet balances of each exchange id in `exchange_map`, one request per exchange.
    public static func exchangeAssets(idsMax: Int = 20) -> Endpoint {
        Endpoint(
            name: "exchange_assets", source: "coinmarketcap", path: "/v1/exchange/assets",
            ids: EndpointIDInput(
                sourceEndpoint: "exchange_map", batchSize: 1, incremental: false, idsMax: idsMax,
                contextColumn: "exchange_id"),
            layout: .dataArray, credits: .perRequest(1))
    }

    /// CoinGecko `/coins/markets`: coins with USD market data, paged by `page`/`per_page`.
    public static func coinGeckoMarkets(perPage: Int = 250, pagesMax: Int = 4) -> Endpoint {
        Endpoint(
            name: "coingecko_markets", source: "coingecko", path: "/coins/markets",
            parameters: [HTTPQueryItem("vs_currency", "usd"), HTTPQueryItem("order", "market_cap_desc")],
            paging: .pagePerPage(perPage: perPage, pagesMax: pagesMax), layout: .topLevelArray,
            credits: .perRequest(1))
    }

    /// Every reference endpoint, in an order where each id input runs after its source.
    public static var referenceCatalog: [Endpoint] {
        [
            listingsLatest(), cryptocurrencyMap(), cryptocurrencyInfo(), cryptocurrencyCategories(),
            cryptocurrencyCategory(), globalMetricsQuotesLatest(), fearAndGreedLatest(), exchangeMap(), exchangeInfo(),
            exchangeAssets(), coinGeckoMarkets(),
        ]
    }
}
