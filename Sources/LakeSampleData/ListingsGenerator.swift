#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import LakeColumnar
import LakeCore

/// Deterministic synthetic cryptocurrency listings snapshots, shaped like the CoinMarketCap "listings latest"
/// endpoint: one row per coin per snapshot, ordered by snapshot then rank, 19 columns.
///
/// Prices follow a seeded geometric random walk per coin; about 40% of coins have no max supply and half have
/// no platform, so the nullable columns hold realistic nulls. The same seed yields the same rows everywhere.
/// Used by the demo, tests and benchmarks; the reference benchmark data of `shared/bench/gen_data.py` has the
/// same schema.
public struct ListingsGenerator {
    public static let schema = Schema([
        Field("snapshot_timestamp", .timestamp(.microseconds, utc: true)),
        Field("crypto_id", .int64),
        Field("symbol", .utf8),
        Field("name", .utf8),
        Field("slug", .utf8),
        Field("cmc_rank", .int32),
        Field("num_market_pairs", .int32),
        Field("price_usd", .float64),
        Field("volume_24h", .float64),
        Field("market_cap", .float64),
        Field("fully_diluted_market_cap", .float64),
        Field("percent_change_1h", .float64),
        Field("percent_change_24h", .float64),
        Field("percent_change_7d", .float64),
        Field("circulating_supply", .float64),
        Field("total_supply", .float64),
        Field("max_supply", .float64),
        Field("platform_symbol", .utf8),
        Field("last_updated", .timestamp(.microseconds, utc: true)),
    ])

    /// 2024-01-01T00:00:00Z in microseconds.
    public static let epochStartMicros: Int64 = 1_704_067_200_000_000

    struct Coin {
        var id: Int64
        var symbol: String
        var name: String
        var slug: String
        var logPrice: Double
        var volatility: Double
        var circulating: Double
        var totalRatio: Double
        var maxSupply: Double?
        var platform: String?
        var pairs: Int32
    }

    public let coinCount: Int
    public let snapshotCount: Int
    public let intervalMinutes: Int
    private var coins: [Coin]
    private var random: SeededGenerator
    private var nextSnapshot = 0

    public var rowCount: Int { coinCount * snapshotCount }

    public init(coins: Int = 5_000, snapshots: Int = 200, intervalMinutes: Int = 60, seed: UInt64 = 42) {
        precondition(coins > 0 && snapshots >= 0 && intervalMinutes > 0, "invalid generator dimensions")
        coinCount = coins
        snapshotCount = snapshots
        self.intervalMinutes = intervalMinutes
        random = SeededGenerator(seed: seed)
        self.coins = Self.makeCoins(coins, &random)
    }

    private static func makeCoins(_ count: Int, _ random: inout SeededGenerator) -> [Coin] {
        let syllables = ["bit", "coin", "eth", "ra", "zor", "ka", "lu", "mi", "nex", "vo", "ta", "shi", "doge", "sol",
            "chain", "link", "fi", "qua", "pex", "ter", "mon"]
        let suffixes = ["", "", "", " Protocol", " Network", " Token", " Finance", " AI"]
        let platforms = ["ETH", "BNB", "SOL", "MATIC", "ARB", "TRX", "AVAX", "BASE", "OP", "TON"]
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var ids = Set<Int64>()
        while ids.count < count { ids.insert(Int64.random(in: 1...36_000, using: &random)) }
        return ids.sorted().enumerated().map { index, id in
            let symbol = String((0..<Int.random(in: 3...6, using: &random)).map { _ in letters.randomElement(using: &random)! })
            let base = (0..<Int.random(in: 2...3, using: &random)).map { _ in syllables.randomElement(using: &random)! }
                .joined()
            let name = base.prefix(1).uppercased() + base.dropFirst() + suffixes.randomElement(using: &random)!
            let slug = name.lowercased().split(separator: " ").joined(separator: "-") + "-\(id)"
            let circulating = Double.random(in: 1e5...1e11, using: &random)
            return Coin(
                id: id, symbol: symbol, name: name, slug: slug,
                logPrice: Double.random(in: -8...10, using: &random) - Double(index) * 0.0005,
                volatility: Double.random(in: 0.003...0.04, using: &random), circulating: circulating,
                totalRatio: Double.random(in: 1...1.5, using: &random),
                maxSupply: Bool.random(using: &random) || Bool.random(using: &random)
                    ? circulating * Double.random(in: 1.5...3, using: &random) : nil,
                platform: Bool.random(using: &random) ? platforms.randomElement(using: &random)! : nil,
                pairs: Int32.random(in: 1...500, using: &random))
        }
    }

    /// The next snapshot's rows (one batch of `coinCount` rows), or nil after the last snapshot.
    public mutating func nextBatch() -> Batch? {
        guard nextSnapshot < snapshotCount else { return nil }
        let snapshotMicros = Self.epochStartMicros + Int64(nextSnapshot * intervalMinutes) * 60_000_000
        nextSnapshot += 1
        var previous = [Double](repeating: 0, count: coinCount)
        for index in coins.indices {
            previous[index] = coins[index].logPrice
            coins[index].logPrice += Self.normal(&random) * coins[index].volatility
            coins[index].circulating *= 1 + Double.random(in: 0...2e-5, using: &random)
        }
        let order = coins.indices.sorted {
            coins[$0].logPrice + log(coins[$0].circulating) > coins[$1].logPrice + log(coins[$1].circulating)
        }
        var ids: [Int64] = [], ranks: [Int32] = [], pairs: [Int32] = [], updated: [Int64] = []
        var symbols = ColumnBuilder(type: .utf8), names = ColumnBuilder(type: .utf8)
        var slugs = ColumnBuilder(type: .utf8), platforms = ColumnBuilder(type: .utf8)
        var prices: [Double] = [], volumes: [Double] = [], caps: [Double] = [], diluted: [Double] = []
        var change1h: [Double] = [], change24h: [Double] = [], change7d: [Double] = []
        var circulating: [Double] = [], total: [Double] = [], maxSupply: [Double] = []
        var maxSupplyValid = Bitmap(repeating: false, count: 0)
        for (rank, index) in order.enumerated() {
            let coin = coins[index]
            let price = exp(coin.logPrice)
            let marketCap = price * coin.circulating
            let change = (exp(coin.logPrice - previous[index]) - 1) * 100
            ids.append(coin.id)
            ranks.append(Int32(rank + 1))
            pairs.append(coin.pairs)
            updated.append(snapshotMicros - Int64.random(in: 0..<300_000_000, using: &random))
            // Strings are valid for utf8 columns, so appending cannot fail.
            try? symbols.append(.string(coin.symbol))
            try? names.append(.string(coin.name))
            try? slugs.append(.string(coin.slug))
            try? platforms.append(coin.platform.map(Value.string) ?? .null)
            prices.append(price)
            volumes.append(marketCap * Double.random(in: 0.01...0.2, using: &random))
            caps.append(marketCap)
            diluted.append(price * (coin.maxSupply ?? coin.circulating * coin.totalRatio))
            change1h.append(change)
            change24h.append(change * 4.9)
            change7d.append(change * 12.9)
            circulating.append(coin.circulating)
            total.append(coin.circulating * coin.totalRatio)
            maxSupply.append(coin.maxSupply ?? 0)
            maxSupplyValid.append(coin.maxSupply != nil)
        }
        let timestamp = DataType.timestamp(.microseconds, utc: true)
        let columns = [
            Column(type: timestamp, values: .int64(Array(repeating: snapshotMicros, count: coinCount))),
            Column(type: .int64, values: .int64(ids)), symbols.build(), names.build(), slugs.build(),
            Column(type: .int32, values: .int32(ranks)), Column(type: .int32, values: .int32(pairs)),
            Column(type: .float64, values: .float64(prices)), Column(type: .float64, values: .float64(volumes)),
            Column(type: .float64, values: .float64(caps)), Column(type: .float64, values: .float64(diluted)),
            Column(type: .float64, values: .float64(change1h)), Column(type: .float64, values: .float64(change24h)),
            Column(type: .float64, values: .float64(change7d)), Column(type: .float64, values: .float64(circulating)),
            Column(type: .float64, values: .float64(total)),
            Column(type: .float64, values: .float64(maxSupply), validity: maxSupplyValid), platforms.build(),
            Column(type: timestamp, values: .int64(updated)),
        ]
        return Batch(schema: Self.schema, columns: columns)
    }

    /// A standard normal sample (Box-Muller).
    static func normal(_ random: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
        let v = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
