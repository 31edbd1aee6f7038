-- Daily KPIs per coin over complete days: daily return (from the previous day's close), 7-day and 30-day
-- rolling volatility of daily returns (sample standard deviation over a ROWS frame) and the volume/market-cap
-- ratio. A day's close is its last snapshot; the current, incomplete day is left out.
WITH daily_close AS (
    SELECT crypto_id, snapshot_date, price_usd, volume_24h_usd, market_cap_usd
    FROM silver.fact_crypto_market
    QUALIFY row_number() OVER (PARTITION BY crypto_id, snapshot_date ORDER BY snapshot_at DESC) = 1
),
complete_days AS (
    SELECT *
    FROM daily_close
    WHERE snapshot_date < (SELECT max(snapshot_date) FROM daily_close)
),
daily_returns AS (
    SELECT
        crypto_id,
        snapshot_date,
        price_usd,
        volume_24h_usd,
        market_cap_usd,
        price_usd / nullif(lag(price_usd) OVER (PARTITION BY crypto_id ORDER BY snapshot_date), 0) - 1
            AS daily_return
    FROM complete_days
)
SELECT
    crypto_id,
    snapshot_date,
    price_usd,
    daily_return,
    stddev_samp(daily_return) OVER (
        PARTITION BY crypto_id ORDER BY snapshot_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW
    ) AS volatility_7d,
    stddev_samp(daily_return) OVER (
        PARTITION BY crypto_id ORDER BY snapshot_date ROWS BETWEEN 29 PRECEDING AND CURRENT ROW
    ) AS volatility_30d,
    volume_24h_usd / nullif(market_cap_usd, 0) AS volume_to_market_cap
FROM daily_returns
