/// How a pipeline runs offline on recorded payloads (`ReplayTransport` over `Fixtures/api/`).
///
/// The recorded listings and CoinGecko pages are 5 items long, so the replay catalog pages by 5 (the live
/// catalog asks for 5,000 and 250 per page, which a replayed page of 5 would end at once). Sources need no key
/// and point at a host that is never contacted.
///
/// Spec: spec/pipeline.md#replay
public enum ReplayFixtures {
    /// The reference endpoints with page sizes that walk through every recorded page.
    public static var catalog: [Endpoint] {
        Endpoint.referenceCatalog.map { endpoint in
            switch endpoint.name {
            case "listings_latest": .listingsLatest(pageSize: 5, itemsMax: 100)
            case "coingecko_markets": .coinGeckoMarkets(perPage: 5, pagesMax: 4)
            default: endpoint
            }
        }
    }

    /// CoinMarketCap and CoinGecko without credentials, at a base URL the replay transport ignores.
    public static var sources: [APISource] {
        [
            .coinMarketCap(baseURL: "http://replay.invalid", keyVariable: nil),
            .coinGecko(baseURL: "http://replay.invalid/api/v3", keyVariable: nil),
        ]
    }
}
