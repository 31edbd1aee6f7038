/// Queries and statements that must survive parse → format → parse unchanged: the grammar's surface, the silver
/// transform of the reference pipeline, and edge cases of precedence and quoting.
enum RoundTripCorpus {
    static let silverTransform = """
        WITH src AS (
          SELECT DISTINCT ON (crypto_id, snapshot_timestamp)
                 snapshot_timestamp, crypto_id, symbol, price_usd, volume_24h, market_cap
          FROM read_parquet('bronze/listings/*.parquet')
          ORDER BY crypto_id, snapshot_timestamp
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
        SELECT crypto_id, day,
               count(*) AS n_obs,
               avg(price_usd) AS avg_price, min(price_usd) AS min_price, max(price_usd) AS max_price,
               sum(volume_24h) AS sum_volume,
               stddev_samp(ret) AS volatility,
               arg_max(dominance, snapshot_timestamp) AS last_dominance,
               arg_max(mcap_rank, snapshot_timestamp) AS last_rank,
               arg_max(symbol, snapshot_timestamp) AS symbol
        FROM enriched
        GROUP BY crypto_id, day
        """

    static let statements: [String] = [
        silverTransform,
        """
        SELECT date_trunc('hour', snapshot_timestamp) AS hour, crypto_id, avg(price_usd) AS avg_price
        FROM silver.fact_crypto_market
        WHERE snapshot_timestamp >= TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '7 days'
        GROUP BY date_trunc('hour', snapshot_timestamp), crypto_id
        ORDER BY hour DESC NULLS LAST, crypto_id
        LIMIT 100 OFFSET 10
        """,
        """
        SELECT crypto_id, price_usd,
          avg(price_usd) OVER (PARTITION BY crypto_id ORDER BY snapshot_timestamp
                               ROWS BETWEEN 23 PRECEDING AND CURRENT ROW) AS moving_average,
          stddev_samp(ret) OVER (PARTITION BY crypto_id ORDER BY day RANGE BETWEEN INTERVAL '30 days' PRECEDING
                                 AND CURRENT ROW) AS volatility_30d,
          sum(volume_24h) OVER (ORDER BY day ROWS UNBOUNDED PRECEDING) AS running_volume,
          first_value(price_usd) OVER (PARTITION BY crypto_id ORDER BY day
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_price,
          lead(price_usd, 1, 0) OVER (PARTITION BY crypto_id ORDER BY day ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING),
          dense_rank() OVER (PARTITION BY day ORDER BY market_cap DESC) AS r,
          row_number() OVER () AS n
        FROM silver.fact_crypto_market
        QUALIFY row_number() OVER (PARTITION BY crypto_id ORDER BY snapshot_timestamp DESC) = 1
        """,
        """
        SELECT f.crypto_id, d.name, f.price_usd * 1.0e0 / nullif(g.total_market_cap, 0) AS share
        FROM silver.fact_crypto_market VERSION AS OF 12 AS f
        JOIN silver.dim_crypto_info AS d ON d.id = f.crypto_id
        LEFT JOIN silver.fact_global_market TIMESTAMP AS OF '2024-06-01T00:00:00Z' g USING (snapshot_timestamp)
        RIGHT OUTER JOIN x ON TRUE
        FULL JOIN y ON f.a = y.a AND f.b IS NOT DISTINCT FROM y.b
        CROSS JOIN z
        LEFT SEMI JOIN s ON s.k = f.k
        ANTI JOIN a2 ON a2.k = f.k
        WHERE f.symbol NOT LIKE 'TEST%' AND d.name ILIKE '%coin%' AND f.crypto_id NOT IN (1, 2, 3)
          AND f.price_usd NOT BETWEEN 0 AND 0.000001 AND NOT (f.rank > 100 OR f.rank IS NULL)
        """,
        "SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.y = b.y, (SELECT 1 AS one) AS v(o)",
        "SELECT * FROM '/data/lake/silver/fact' AS t, 's3://bucket/path' p",
        #"""
        SELECT CASE WHEN pct > 5 THEN 'up' WHEN pct < -5 THEN 'down' ELSE 'flat' END AS alert,
               CASE classification WHEN 'Extreme Fear' THEN 0 WHEN 'Fear' THEN 1 END AS bucket,
               coalesce(a, b, 0), nullif(x, ''), count(DISTINCT crypto_id), count(*), count(1),
               count(*) FILTER (WHERE pct > 5), sum(v) FILTER (WHERE v > 0) OVER (PARTITION BY id),
               TRY_CAST(price AS DOUBLE), try_cast(ts AS TIMESTAMP),
               EXTRACT(YEAR FROM ts), extract(dow FROM ts), extract(epoch FROM ts) * 1000,
               CAST(x AS DECIMAL(38, 9)), y::bigint, z::double precision, CAST(t AS TIMESTAMP WITH TIME ZONE),
               to_timestamp(unix_seconds), date '2024-02-29', INTERVAL '1 hour 30 minutes', INTERVAL 2 WEEKS,
               'it''s', "Quoted ""Name""", `back tick`, "select", left(symbol, 2), right(symbol, 1)
        FROM t
        """#,
        "SELECT 1 + 2 * 3 - -4 / (5 % 2), (1 + 2) * 3, 1 - (2 - 3), 'a' || 'b' || 1 + 2, -(a + b), - -1, +a",
        "SELECT a = b = c, (a = b) IS NULL, a = (b IS NULL), NOT NOT a, a AND (b OR c), (a AND b) OR c, a OR b AND c",
        "SELECT a BETWEEN b + 1 AND c || 'x', a LIKE b || '%', x IN (SELECT y FROM u), EXISTS (SELECT 1), (SELECT 2)",
        "SELECT 9223372036854775807, 9223372036854775808, .5, 1., 6.02e23, 1E-7, NULL, TRUE, false",
        "SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4 UNION DISTINCT SELECT 5 ORDER BY 1 LIMIT 2",
        "(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u) ORDER BY 1",
        "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT sum(n) FROM r",
        "VALUES (1, 'a'), (2, 'b')",
        "SELECT DISTINCT symbol FROM t WHERE version > 2 AND date IS NOT NULL AND history = 'x'",
        "SELECT t.*, s.t.*, * FROM s.t",
        "DESCRIBE HISTORY silver.fact_crypto_market",
        "DESCRIBE HISTORY '/lake/t' LIMIT 10",
        "DESCRIBE silver.dim_crypto_id",
        "DESCRIBE history",
        "OPTIMIZE silver.fact_crypto_market",
        "OPTIMIZE t WHERE day >= '2024-01-01' ZORDER BY (crypto_id, snapshot_timestamp)",
        "VACUUM t",
        "VACUUM silver.t RETAIN 168 HOURS DRY RUN",
        "RESTORE TABLE silver.t TO VERSION AS OF 3",
        "RESTORE TABLE t TO TIMESTAMP AS OF '2024-01-01 00:00:00'",
        """
        CREATE OR REPLACE TABLE IF NOT EXISTS silver.fact_daily PARTITIONED BY (day) AS
        SELECT crypto_id, CAST(ts AS DATE) AS day, avg(price) AS avg_price FROM bronze.listings GROUP BY 1, 2
        """,
        "INSERT INTO silver.t (a, b) VALUES (1, 'x'), (2, NULL)",
        "INSERT INTO t SELECT * FROM u WHERE u.day = current_date()",
        "INSERT OVERWRITE t WITH x AS (SELECT 1 AS a) SELECT a FROM x",
        "DELETE FROM silver.t WHERE snapshot_timestamp < TIMESTAMP '2023-01-01 00:00:00'",
        "DELETE FROM t",
        "UPDATE t AS x SET price = price * 2, x.symbol = upper(x.symbol) WHERE id = 1",
        """
        MERGE INTO silver.dim_crypto_id AS d
        USING (SELECT DISTINCT id, name FROM bronze.map) AS s
        ON d.id = s.id
        WHEN MATCHED AND d.name <> s.name THEN UPDATE SET name = s.name, updated = now()
        WHEN MATCHED THEN UPDATE SET *
        WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)
        WHEN NOT MATCHED BY SOURCE AND d.active THEN DELETE
        WHEN NOT MATCHED THEN INSERT *
        """,
        "MERGE INTO t USING u VERSION AS OF 2 ON t.k = u.k WHEN NOT MATCHED THEN INSERT VALUES (u.k)",
        "EXPLAIN SELECT count(*) FROM t",
        "SELECT a AS \"from\", b AS version, \"a\"\"b\" FROM \"my table\" AS \"T\"",
        "SELECT sum(x) total, max(y) \"Max\" FROM t",
    ]
}
