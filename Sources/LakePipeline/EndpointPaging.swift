/// How an endpoint's result set is split into requests.
///
/// Paging stops at the first page shorter than the page size (the end of the data) or at the configured
/// maximum, whichever comes first.
///
/// Spec: spec/pipeline.md#endpoints
public enum EndpointPaging: Sendable, Hashable {
    /// One request.
    case none
    /// CoinMarketCap: `start` (1-based offset) and `limit`; at most `itemsMax` items in all.
    case startLimit(pageSize: Int, itemsMax: Int)
    /// CoinGecko: `page` (1-based) and `per_page`; at most `pagesMax` pages.
    case pagePerPage(perPage: Int, pagesMax: Int)

    /// The most requests this paging can make.
    var requestsMax: Int {
        switch self {
        case .none: 1
        case .startLimit(let pageSize, let itemsMax): max(1, (itemsMax + pageSize - 1) / pageSize)
        case .pagePerPage(_, let pagesMax): max(1, pagesMax)
        }
    }

    /// The most items this paging can return (nil when unbounded by the paging itself).
    var itemsMax: Int? {
        switch self {
        case .none: nil
        case .startLimit(_, let itemsMax): itemsMax
        case .pagePerPage(let perPage, let pagesMax): perPage * pagesMax
        }
    }
}
