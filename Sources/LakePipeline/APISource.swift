import LakeHTTP

/// One API provider: where it lives, how requests authenticate, and the monthly credit budget they draw on.
///
/// Spec: spec/pipeline.md#endpoints, spec/pipeline.md#credit-budget
public struct APISource: Sendable, Hashable {
    /// Key of the source in endpoint definitions and in the credit ledger, e.g. `coinmarketcap`.
    public var name: String
    /// Scheme and host (and a path prefix if any), without a trailing `/`.
    public var baseURL: String
    /// nil when the source needs no key (replay, public endpoints).
    public var credential: APICredential?
    /// Credits the plan grants per calendar month (UTC).
    public var monthlyCreditsMax: Int64
    /// Credits kept back: a run may not bring the month's use above `monthlyCreditsMax - reserveCredits`.
    public var reserveCredits: Int64
    /// How a response reports API-level errors and credit use.
    public var envelope: ResponseEnvelope

    public init(
        name: String, baseURL: String, credential: APICredential?, monthlyCreditsMax: Int64, reserveCredits: Int64,
        envelope: ResponseEnvelope
    ) {
        precondition(monthlyCreditsMax >= 0 && reserveCredits >= 0, "credit limits cannot be negative")
        self.name = name
        self.baseURL = baseURL
        self.credential = credential
        self.monthlyCreditsMax = monthlyCreditsMax
        self.reserveCredits = reserveCredits
        self.envelope = envelope
    }

    /// Credits a month may use: `monthlyCreditsMax - reserveCredits`, never negative.
    public var spendableCredits: Int64 { max(0, monthlyCreditsMax - reserveCredits) }

    /// The CoinMarketCap Pro API; the key is read from `$CMC_PRO_API_KEY` and sent as `X-CMC_PRO_API_KEY`.
    /// Defaults follow the Basic plan (10,000 credits a month).
    public static func coinMarketCap(
        baseURL: String = "https://pro-api.coinmarketcap.com", monthlyCreditsMax: Int64 = 10_000,
        reserveCredits: Int64 = 1_000, keyVariable: String? = "CMC_PRO_API_KEY"
    ) -> APISource {
        APISource(
            name: "coinmarketcap", baseURL: baseURL,
            credential: keyVariable.map { APICredential(headerName: "X-CMC_PRO_API_KEY", environmentVariable: $0) },
            monthlyCreditsMax: monthlyCreditsMax, reserveCredits: reserveCredits, envelope: .coinMarketCapStatus)
    }

    /// The CoinGecko API v3; the key is read from `$COINGECKO_API_KEY` and sent as `x-cg-demo-api-key`.
    /// Defaults follow the Demo plan (10,000 calls a month, one call = one credit).
    public static func coinGecko(
        baseURL: String = "https://api.coingecko.com/api/v3", monthlyCreditsMax: Int64 = 10_000,
        reserveCredits: Int64 = 500, keyVariable: String? = "COINGECKO_API_KEY"
    ) -> APISource {
        APISource(
            name: "coingecko", baseURL: baseURL,
            credential: keyVariable.map { APICredential(headerName: "x-cg-demo-api-key", environmentVariable: $0) },
            monthlyCreditsMax: monthlyCreditsMax, reserveCredits: reserveCredits, envelope: .bare)
    }
}

/// How a source wraps its payloads.
public enum ResponseEnvelope: String, Sendable, Hashable {
    /// `{"status": {"error_code", "error_message", "credit_count", ...}, "data": ...}` (CoinMarketCap).
    case coinMarketCapStatus
    /// The payload is the body itself (CoinGecko).
    case bare
}
