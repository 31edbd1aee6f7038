import LakeColumnar
import LakeCore

/// The seeded dataset the DuckDB comparison queries run over: two Parquet folders under a lake root.
///
/// - `bronze/trades/part-{0,1,2}.parquet`: 24,000 trades. `id` int64 (unique, 1...), `coin_id` int64 (1...60, 2%
///   null), `ts` timestamp(us) without zone (120 days from 2024-01-01, some with a fraction of a second),
///   `settle_day` date32 (3% null), `side` utf8 (`buy`, `sell`, ` Sell `, `BUY`, 5% null), `qty` int32 (-5...500,
///   4% null), `price` float64 (0.01...70,000, 3% null, some 0), `is_maker` bool (5% null), `venue` utf8 (with
///   empty strings and nulls).
/// - `bronze/coins/part-0.parquet`: 78 coins: ids 1...80 except 7, 13 and 29, and id 42 twice (so joins see
///   unmatched rows on both sides and a one-to-many match); `symbol` utf8, `name` utf8 (some null), `listed` date32,
///   `tier` int32 (1...3, some null), `max_supply` float64 (some null).
enum DuckDBComparisonDataset {
    static let seed: UInt64 = 0xD0C_DB5E
    static let tradeRows = 24_000
    static let tradeFiles = 3
    static let tableNames = ["bronze.trades", "bronze.coins"]

    /// Microseconds of 2024-01-01T00:00:00.
    static let startMicros: Int64 = 1_704_067_200_000_000
    /// Days of 2024-01-01 since the epoch.
    static let startDay: Int64 = 19_723

    /// Writes both folders under `lake`'s root.
    static func write(to lake: TemporaryLake) throws {
        var random = SeededGenerator(seed: seed)
        let perFile = tradeRows / tradeFiles
        for file in 0..<tradeFiles {
            try lake.writeParquet(
                "bronze/trades/part-\(file).parquet",
                try trades(ids: (file * perFile + 1)...((file + 1) * perFile), &random))
        }
        try lake.writeParquet("bronze/coins/part-0.parquet", try coins(&random))
    }

    private static func trades(ids: ClosedRange<Int>, _ random: inout SeededGenerator) throws -> Batch {
        let sides = ["buy", "sell", " Sell ", "BUY"]
        let venues = ["binance", "kraken", "coinbase", ""]
        var columns: [[Value]] = Array(repeating: [], count: 9)
        for id in ids {
            func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
            let minute = Int64.random(in: 0..<(120 * 24 * 60), using: &random)
            let fraction: Int64 = chance(20) ? Int64.random(in: 1..<1_000_000, using: &random) : 0
            let price: Value =
                chance(3) ? .null : chance(1) ? .float64(0) : .float64(Double.random(in: 0.01...70_000, using: &random))
            columns[0].append(.int(Int64(id)))
            columns[1].append(chance(2) ? .null : .int(Int64.random(in: 1...60, using: &random)))
            columns[2].append(.int(startMicros + minute * 60_000_000 + fraction))
            columns[3].append(
                chance(3) ? .null : .int(startDay + minute / 1_440 + Int64.random(in: 0...3, using: &random)))
            columns[4].append(chance(5) ? .null : .string(sides[Int.random(in: 0..<sides.count, using: &random)]))
            columns[5].append(chance(4) ? .null : .int(Int64.random(in: -5...500, using: &random)))
            columns[6].append(price)
            columns[7].append(chance(5) ? .null : .bool(Bool.random(using: &random)))
            columns[8].append(chance(4) ? .null : .string(venues[Int.random(in: 0..<venues.count, using: &random)]))
        }
        return try makeBatch([
            ("id", .int64, columns[0]), ("coin_id", .int64, columns[1]),
            ("ts", .timestamp(.microseconds, utc: false), columns[2]), ("settle_day", .date32, columns[3]),
            ("side", .utf8, columns[4]), ("qty", .int32, columns[5]), ("price", .float64, columns[6]),
            ("is_maker", .bool, columns[7]), ("venue", .utf8, columns[8]),
        ])
    }

    private static func coins(_ random: inout SeededGenerator) throws -> Batch {
        let ids = (1...80).filter { ![7, 13, 29].contains($0) } + [42]
        var columns: [[Value]] = Array(repeating: [], count: 6)
        for (position, id) in ids.enumerated() {
            func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
            let letters = (0..<3).map { _ in Character(UnicodeScalar(UInt8.random(in: 65...90, using: &random))) }
            columns[0].append(.int(Int64(id)))
            columns[1].append(.string(String(letters) + (position == ids.count - 1 ? "2" : "")))
            columns[2].append(chance(10) ? .null : .string("Coin \(String(letters).lowercased()) \(id)"))
            columns[3].append(.int(startDay - Int64.random(in: 0...2_000, using: &random)))
            columns[4].append(chance(15) ? .null : .int(Int64.random(in: 1...3, using: &random)))
            columns[5].append(chance(30) ? .null : .float64(Double(Int.random(in: 1...21_000_000, using: &random))))
        }
        return try makeBatch([
            ("coin_id", .int64, columns[0]), ("symbol", .utf8, columns[1]), ("name", .utf8, columns[2]),
            ("listed", .date32, columns[3]), ("tier", .int32, columns[4]), ("max_supply", .float64, columns[5]),
        ])
    }
}
