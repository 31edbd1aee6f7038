/// One query of the DuckDB comparison: run unchanged by LakeSession and by DuckDB over the same files.
struct DuckDBComparisonQuery: Sendable, CustomStringConvertible {
    let name: String
    let sql: String
    /// The query's ORDER BY fixes the whole row order (rows are compared in order); otherwise as multisets.
    let ordered: Bool
    /// A feature the engine is known to lack for this query: while the session refuses the query, its error must
    /// contain one of `errorFragments`; once the session runs it, the query is compared like every other.
    let missingFeature: MissingFeature?

    struct MissingFeature: Sendable {
        var feature: String
        /// Texts the refusal contains (the binder's refusal, or the session lowering's).
        var errorFragments: [String]
    }

    init(_ name: String, ordered: Bool = false, missing: MissingFeature? = nil, _ sql: String) {
        self.name = name
        self.sql = sql
        self.ordered = ordered
        missingFeature = missing
    }

    var description: String { name }
}

extension DuckDBComparisonQuery.MissingFeature {
    static let subqueryValues = Self(
        feature: "subqueries used as values (IN, EXISTS, scalar) in the session's lowering",
        errorFragments: ["a subquery used as a value", "inSubquery", "scalarSubquery", "exists"])
    static let distinctAggregates = Self(
        feature: "sum/avg(DISTINCT ...) in the executor", errorFragments: ["(DISTINCT ...) in the executor"])
    static let intervals = Self(
        feature: "interval arithmetic in the executor", errorFragments: ["interval in the executor"])
    static let mathFunctions = Self(
        feature: "round, abs, floor, ceil, greatest in the executor", errorFragments: ["in the executor"])
    static let stringEdits = Self(
        feature: "replace, left, starts_with in the executor", errorFragments: ["in the executor"])
}

extension DuckDBComparisonQuery {
    /// The suite. Ordered queries order by a unique key last, so ties cannot reorder rows between engines.
    static let all: [DuckDBComparisonQuery] = [
        // Filters and three-valued logic.
        .init(
            "filter_or_is_null",
            "SELECT id, qty, price FROM bronze.trades WHERE qty > 450 OR (qty IS NULL AND price > 60000)"),
        .init("filter_not_with_nulls", "SELECT count(*) AS n FROM bronze.trades WHERE NOT (price > 100 AND qty < 10)"),
        .init(
            "filter_in_and_not_in_lists",
            """
            SELECT id, coin_id, side FROM bronze.trades
            WHERE coin_id IN (1, 2, 3, NULL) AND side NOT IN ('buy', 'BUY') AND id % 7 = 0
            """),
        .init(
            "filter_between_like_and_coalesce",
            """
            SELECT id, coalesce(venue, 'none') AS venue, nullif(qty, 0) AS qty FROM bronze.trades
            WHERE price BETWEEN 100 AND 200 AND (venue LIKE 'k%' OR venue = '' OR venue IS NULL)
            """),
        .init(
            "boolean_column_logic",
            """
            SELECT is_maker, is_maker AND qty > 250 AS big_maker, is_maker OR qty > 250 AS maker_or_big,
                   count(*) AS n
            FROM bronze.trades GROUP BY 1, 2, 3
            """),
        // Joins of every kind.
        .init(
            "inner_join",
            """
            SELECT t.id, c.symbol, t.price FROM bronze.trades t JOIN bronze.coins c ON t.coin_id = c.coin_id
            WHERE t.id % 10 = 0
            """),
        .init(
            "left_join_unmatched",
            """
            SELECT c.symbol, count(*) AS rows_joined, count(c.coin_id) AS matched, sum(t.qty) AS qty
            FROM bronze.trades t LEFT JOIN bronze.coins c ON t.coin_id = c.coin_id
            GROUP BY c.symbol
            """),
        .init(
            "right_join_unmatched",
            """
            SELECT c.coin_id, c.symbol, count(t.id) AS trades FROM bronze.trades t
            RIGHT JOIN bronze.coins c ON t.coin_id = c.coin_id GROUP BY c.coin_id, c.symbol
            """),
        .init(
            "full_join",
            """
            SELECT coalesce(t.coin_id, c.coin_id) AS coin, c.symbol, t.n FROM
              (SELECT coin_id, count(*) AS n FROM bronze.trades GROUP BY coin_id) t
              FULL OUTER JOIN bronze.coins c ON t.coin_id = c.coin_id
            """),
        .init(
            "join_with_residual_condition",
            """
            SELECT t.id, c.coin_id FROM bronze.trades t
            JOIN bronze.coins c ON t.coin_id = c.coin_id AND t.price > c.max_supply / 1000
            WHERE t.qty > 400
            """),
        .init(
            "cross_join_with_values",
            """
            SELECT c.coin_id, v.label FROM bronze.coins c CROSS JOIN (VALUES ('a'), ('b')) AS v(label)
            WHERE c.tier = 1
            """),
        .init(
            "semi_join_in_subquery", missing: .subqueryValues,
            "SELECT count(*) AS n FROM bronze.trades WHERE coin_id IN (SELECT coin_id FROM bronze.coins WHERE tier = 2)"
        ),
        .init(
            "anti_join_not_exists", missing: .subqueryValues,
            """
            SELECT count(*) AS n FROM bronze.trades t
            WHERE NOT EXISTS (SELECT 1 FROM bronze.coins c WHERE c.coin_id = t.coin_id)
            """),
        // Aggregates.
        .init(
            "group_by_aggregates",
            """
            SELECT coin_id, count(*) AS n, count(qty) AS with_qty, sum(qty) AS qty, avg(price) AS avg_price,
                   min(price) AS low, max(price) AS high, min(side) AS first_side, max(ts) AS last_ts,
                   count(DISTINCT venue) AS venues
            FROM bronze.trades GROUP BY coin_id
            """),
        .init(
            "group_by_having",
            """
            SELECT venue, side, sum(qty * price) AS notional, stddev_samp(price) AS sd FROM bronze.trades
            GROUP BY venue, side HAVING count(*) > 500 AND sum(qty) > 0
            """),
        .init(
            "global_aggregate_over_no_rows",
            """
            SELECT count(*) AS n, count(qty) AS c, sum(qty) AS s, avg(price) AS a, max(ts) AS m FROM bronze.trades
            WHERE id < 0
            """
        ),
        .init(
            "group_by_date_parts",
            """
            SELECT extract(month FROM ts) AS month, date_trunc('week', ts) AS week, count(*) AS n, sum(qty) AS qty
            FROM bronze.trades GROUP BY 1, 2
            """),
        // Windows.
        .init(
            "window_ranking",
            ordered: true,
            """
            SELECT id, coin_id, qty,
                   row_number() OVER (PARTITION BY coin_id ORDER BY qty DESC NULLS LAST, id) AS rn,
                   rank() OVER (PARTITION BY coin_id ORDER BY qty DESC NULLS LAST) AS rk,
                   dense_rank() OVER (PARTITION BY coin_id ORDER BY qty DESC NULLS LAST) AS drk
            FROM bronze.trades WHERE coin_id <= 3 ORDER BY coin_id, rn
            """),
        .init(
            "window_lag_lead",
            """
            SELECT id, price - lag(price) OVER (PARTITION BY coin_id ORDER BY ts, id) AS change,
                   lead(qty, 2, -1) OVER (PARTITION BY coin_id ORDER BY ts, id) AS qty_after_next
            FROM bronze.trades WHERE coin_id IN (5, 6)
            """),
        .init(
            "window_running_and_moving_frames",
            """
            SELECT id, sum(qty) OVER (PARTITION BY venue ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                     AS running_qty,
                   avg(price) OVER (PARTITION BY venue ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
                     AS moving_price,
                   count(*) OVER (PARTITION BY venue) AS venue_rows
            FROM bronze.trades WHERE id % 5 = 0
            """),
        .init(
            "window_partition_totals_and_qualify",
            """
            SELECT coin_id, id, price / sum(price) OVER (PARTITION BY coin_id) AS share FROM bronze.trades
            WHERE price > 0 QUALIFY row_number() OVER (PARTITION BY coin_id ORDER BY price DESC, id) <= 3
            """),
        // Ordering and limits.
        .init(
            "order_nulls_first_limit",
            ordered: true,
            "SELECT id, qty FROM bronze.trades ORDER BY qty NULLS FIRST, id LIMIT 40"),
        .init(
            "order_desc_nulls_last_offset",
            ordered: true,
            "SELECT id, price FROM bronze.trades ORDER BY price DESC NULLS LAST, id DESC LIMIT 25 OFFSET 10"),
        .init(
            "order_by_expression_and_alias",
            ordered: true,
            """
            SELECT coin_id, sum(qty) AS total FROM bronze.trades WHERE coin_id IS NOT NULL
            GROUP BY coin_id ORDER BY total DESC, coin_id LIMIT 10
            """),
        // Set operations and CTEs.
        .init(
            "union_distinct",
            """
            SELECT coin_id FROM bronze.trades WHERE qty > 490 UNION SELECT coin_id FROM bronze.coins WHERE tier = 3
            """),
        .init(
            "union_all",
            """
            SELECT 'trade' AS kind, coin_id FROM bronze.trades WHERE id <= 50
            UNION ALL SELECT 'coin', coin_id FROM bronze.coins
            """),
        .init(
            "ctes_chained",
            """
            WITH per_coin AS (SELECT coin_id, sum(qty) AS qty FROM bronze.trades GROUP BY coin_id),
                 overall AS (SELECT avg(qty) AS mean FROM per_coin),
                 ranked AS (SELECT p.coin_id, p.qty, p.qty > o.mean AS above FROM per_coin p CROSS JOIN overall o)
            SELECT r.coin_id, r.qty, r.above, c.symbol FROM ranked r LEFT JOIN bronze.coins c USING (coin_id)
            """),
        .init(
            "derived_table",
            """
            SELECT avg(n) AS mean, max(n) AS most
            FROM (SELECT coin_id, count(*) AS n FROM bronze.trades GROUP BY coin_id) s
            """
        ),
        // Subqueries as values.
        .init(
            "scalar_subquery", missing: .subqueryValues,
            """
            SELECT coin_id, sum(qty) AS qty, sum(qty) > (SELECT avg(qty) * 400 FROM bronze.trades) AS above
            FROM bronze.trades GROUP BY coin_id
            """),
        // Expressions.
        .init(
            "case_expressions",
            """
            SELECT id,
                   CASE WHEN price IS NULL THEN 'unknown' WHEN price < 1000 THEN 'small' WHEN price < 30000 THEN 'mid'
                        ELSE 'large' END AS bucket,
                   CASE side WHEN 'buy' THEN 1 WHEN 'sell' THEN -1 END AS direction
            FROM bronze.trades WHERE id % 13 = 0
            """),
        .init(
            "string_functions",
            """
            SELECT id, lower(trim(side)) AS side, upper(venue) AS venue, length(venue) AS len,
                   substring(venue, 2, 3) AS middle, venue || '/' || side AS path,
                   CAST(coin_id AS VARCHAR) || '-' || CAST(qty AS VARCHAR) AS tag
            FROM bronze.trades WHERE id % 17 = 0
            """),
        .init(
            "date_functions",
            """
            SELECT id, CAST(ts AS DATE) AS day, settle_day - CAST(ts AS DATE) AS settle_lag,
                   extract(year FROM settle_day) AS settle_year, extract(dow FROM ts) AS weekday,
                   date_trunc('month', ts) AS month, extract(hour FROM ts) AS hour
            FROM bronze.trades WHERE id % 19 = 0
            """),
        .init(
            "arithmetic_and_casts",
            """
            SELECT id, qty / 4 AS quarter, qty % 7 AS remainder, -qty AS negated, CAST(price AS BIGINT) AS whole,
                   CAST(qty AS DOUBLE) * 1.5 AS scaled, price * qty AS notional
            FROM bronze.trades WHERE id % 23 = 0
            """),
        .init(
            "distinct_on_latest_per_coin",
            ordered: true,
            """
            SELECT DISTINCT ON (coin_id) coin_id, id, ts, price FROM bronze.trades
            WHERE coin_id IS NOT NULL ORDER BY coin_id, ts DESC, id
            """),
        .init("select_distinct", "SELECT DISTINCT venue, is_maker FROM bronze.trades"),
        .init(
            "filtered_and_distinct_aggregates", missing: .distinctAggregates,
            """
            SELECT venue, count(*) FILTER (WHERE qty > 100) AS big, sum(DISTINCT qty) AS distinct_qty,
                   avg(DISTINCT coin_id) AS mean_coin
            FROM bronze.trades GROUP BY venue
            """),
        .init(
            "is_distinct_from",
            """
            SELECT count(*) FILTER (WHERE side IS DISTINCT FROM 'buy') AS not_buy,
                   count(*) FILTER (WHERE venue IS NOT DISTINCT FROM NULL) AS null_venue
            FROM bronze.trades
            """),
        .init(
            "window_range_peers_first_and_last_value",
            """
            SELECT id, sum(qty) OVER (PARTITION BY coin_id ORDER BY settle_day) AS running_by_day,
                   first_value(price) OVER (PARTITION BY coin_id ORDER BY ts, id) AS first_price,
                   last_value(id) OVER (PARTITION BY coin_id ORDER BY ts, id
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_id
            FROM bronze.trades WHERE coin_id BETWEEN 10 AND 12
            """),
        .init(
            "timestamp_and_date_literals",
            """
            SELECT count(*) AS n, min(ts) AS first_ts FROM bronze.trades
            WHERE ts >= TIMESTAMP '2024-03-01 00:00:00' AND settle_day < DATE '2024-04-01'
            """),
        .init(
            "interval_arithmetic", missing: .intervals,
            """
            SELECT id, ts + INTERVAL 1 DAY AS next_day, CAST(settle_day + INTERVAL 1 MONTH AS DATE) AS next_month
            FROM bronze.trades WHERE id % 29 = 0
            """),
        .init(
            "math_functions", missing: .mathFunctions,
            """
            SELECT id, round(price, 2) AS rounded, abs(qty) AS magnitude, floor(price) AS low, ceil(price) AS high,
                   greatest(qty, 100) AS at_least
            FROM bronze.trades WHERE id % 31 = 0
            """),
        .init(
            "string_edit_functions", missing: .stringEdits,
            """
            SELECT id, replace(venue, 'a', 'A') AS replaced, left(venue, 2) AS head, starts_with(venue, 'k') AS k
            FROM bronze.trades WHERE id % 37 = 0
            """),
        .init(
            "order_string_desc_nulls_first",
            ordered: true,
            "SELECT id, venue FROM bronze.trades ORDER BY venue DESC NULLS FIRST, id LIMIT 30"),
    ]
}
