import LakeColumnar
import LakeExec
import LakeSession

/// The silver transform of run_peers.py (`DUCKDB_SILVER`, `silver_polars`) in lake's two front-ends.
///
/// Steps: keep one row per (crypto_id, snapshot_timestamp); drop rows whose price is null or not positive; per
/// coin the return against the previous snapshot (`price / lag(price) - 1`); per snapshot the coin's share of the
/// total market cap (dominance) and its market-cap rank (`rank()` by market cap descending); then per coin and UTC
/// day: observations, average / min / max price, summed volume, the sample standard deviation of the returns
/// (volatility), and the dominance, rank and symbol of the day's last snapshot.
///
/// The result has DuckDB's column names and types: `crypto_id` int64, `day` date32, `n_obs` int64, the prices,
/// `sum_volume`, `volatility` and `last_dominance` float64, `last_rank` int64, `symbol` utf8.
enum SilverQuery {
    /// The input columns the transform reads (run_peers.py `SILVER_COLS`).
    static let inputColumns = ["snapshot_timestamp", "crypto_id", "symbol", "price_usd", "volume_24h", "market_cap"]

    /// The output columns, in order.
    static let outputColumns = [
        "crypto_id", "day", "n_obs", "avg_price", "min_price", "max_price", "sum_volume", "volatility",
        "last_dominance", "last_rank", "symbol",
    ]

    /// How the SQL form takes the values of a day's last snapshot.
    enum LastValueForm: String, CaseIterable {
        /// `arg_max(x, snapshot_timestamp)`, exactly as DuckDB's query says.
        case argMax = "arg_max"
        /// `max(x) FILTER (WHERE recency = 1)` over `row_number() OVER (PARTITION BY crypto_id, day ORDER BY
        /// snapshot_timestamp DESC)`: the same values (timestamps are unique per coin after the dedupe), for
        /// executors without a two-argument aggregate.
        case rowNumberFilter = "row_number_filter"
    }

    /// The transform as one SQL query over `read_parquet('<input>')` (a path relative to the session root).
    static func sql(input: String, lastValues: LastValueForm) -> String {
        let enriched = """
            WITH src AS (
              SELECT DISTINCT ON (crypto_id, snapshot_timestamp)
                     snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap
              FROM read_parquet('\(input)')
            ),
            clean AS (SELECT * FROM src WHERE price_usd IS NOT NULL AND price_usd > 0),
            enriched AS (
              SELECT *,
                price_usd / lag(price_usd) OVER (PARTITION BY crypto_id ORDER BY snapshot_timestamp) - 1 AS ret,
                market_cap / sum(market_cap) OVER (PARTITION BY snapshot_timestamp) AS dominance,
                rank() OVER (PARTITION BY snapshot_timestamp ORDER BY market_cap DESC) AS mcap_rank,
                CAST(snapshot_timestamp AS DATE) AS day
              FROM clean
            )
            """
        let common = """
            SELECT crypto_id, day,
                   count(*) AS n_obs,
                   avg(price_usd) AS avg_price, min(price_usd) AS min_price, max(price_usd) AS max_price,
                   sum(volume_24h) AS sum_volume,
                   stddev_samp(ret) AS volatility,
            """
        switch lastValues {
        case .argMax:
            return enriched + "\n" + common + """

                       arg_max(dominance, snapshot_timestamp) AS last_dominance,
                       arg_max(mcap_rank, snapshot_timestamp) AS last_rank,
                       arg_max(symbol, snapshot_timestamp) AS symbol
                FROM enriched
                GROUP BY crypto_id, day
                """
        case .rowNumberFilter:
            return enriched + """
                ,
                ranked AS (
                  SELECT *, row_number() OVER (PARTITION BY crypto_id, day ORDER BY snapshot_timestamp DESC) AS recency
                  FROM enriched
                )
                """ + "\n" + common + """

                           max(dominance) FILTER (WHERE recency = 1) AS last_dominance,
                           max(mcap_rank) FILTER (WHERE recency = 1) AS last_rank,
                           max(symbol) FILTER (WHERE recency = 1) AS symbol
                    FROM ranked
                    GROUP BY crypto_id, day
                    """
        }
    }

    /// The 2-column filtered projection of run_peers.py's `parquet_read/*_proj_filter`.
    static func projectedReadSQL(input: String) -> String {
        "SELECT crypto_id, price_usd FROM read_parquet('\(input)') WHERE crypto_id < 100"
    }

    /// The transform built with the DataFrame API on top of a projected scan of `input`.
    ///
    /// It differs from the SQL form in one plan choice with the same result: the dedupe is written as a hash
    /// aggregate keeping each key's first row (`first`); the last values are `arg_max` by timestamp, as in SQL.
    static func dataFrame(_ session: LakeSession, input: String) throws -> DataFrame {
        let scan = try session.dataFrame(
            "SELECT \(inputColumns.joined(separator: ", ")) FROM read_parquet('\(input)')")
        let price = col("price_usd")
        let timestamp = col("snapshot_timestamp")
        let marketCap = col("market_cap")
        let deduplicated = scan.groupBy([.column("crypto_id"), .column("snapshot_timestamp")]).agg([
            AggregateExpression(.first, col("symbol"), as: "symbol"),
            AggregateExpression(.first, price, as: "price_usd"),
            AggregateExpression(.first, col("volume_24h"), as: "volume_24h"),
            AggregateExpression(.first, marketCap, as: "market_cap"),
        ])
        let enriched =
            deduplicated
            .filter(price.isNotNull && price > lit(0.0))
            .window(
                WindowExpression(
                    .lag(price, offset: 1, default: nil), partitionBy: [col("crypto_id")],
                    orderBy: [SortKey(timestamp)], as: "previous_price"),
                WindowExpression(
                    .aggregate(.sum, marketCap, frame: .partition), partitionBy: [timestamp], as: "total_cap"),
                WindowExpression(
                    .rank, partitionBy: [timestamp], orderBy: [SortKey(marketCap, ascending: false)], as: "mcap_rank")
            )
            .select([
                .column("crypto_id"), .column("snapshot_timestamp"), .column("symbol"), .column("price_usd"),
                .column("volume_24h"),
                NamedExpression(price / col("previous_price") - lit(1.0), as: "ret"),
                NamedExpression(marketCap / col("total_cap"), as: "dominance"),
                .column("mcap_rank"),
                NamedExpression(timestamp.cast(to: .date32), as: "day"),
            ])
        return enriched.groupBy([.column("crypto_id"), .column("day")]).agg([
            AggregateExpression(.countRows, nil, as: "n_obs"),
            AggregateExpression(.avg, price, as: "avg_price"),
            AggregateExpression(.min, price, as: "min_price"),
            AggregateExpression(.max, price, as: "max_price"),
            AggregateExpression(.sum, col("volume_24h"), as: "sum_volume"),
            AggregateExpression(.stddevSample, col("ret"), as: "volatility"),
            AggregateExpression(.argMax, col("dominance"), timestamp, as: "last_dominance"),
            AggregateExpression(.argMax, col("mcap_rank"), timestamp, as: "last_rank"),
            AggregateExpression(.argMax, col("symbol"), timestamp, as: "symbol"),
        ])
    }
}
