/// What one response of an endpoint costs, before the API says so itself.
///
/// Used to estimate a run before any request; afterwards the response's own count (CoinMarketCap
/// `status.credit_count`) is charged when present, else this rule applied to the items actually returned.
///
/// Spec: spec/pipeline.md#credit-rules
public enum CreditRule: Sendable, Hashable {
    /// A fixed number of credits per request.
    case perRequest(Int64)
    /// One credit per `itemsPerCredit` items returned, rounded up, and at least one per request.
    case perItems(Int64)

    /// Credits for one response holding `items` items.
    public func credits(forItems items: Int) -> Int64 {
        switch self {
        case .perRequest(let credits):
            return credits
        case .perItems(let itemsPerCredit):
            precondition(itemsPerCredit > 0, "itemsPerCredit must be positive")
            let count = Int64(max(0, items))
            return max(1, (count + itemsPerCredit - 1) / itemsPerCredit)
        }
    }
}
