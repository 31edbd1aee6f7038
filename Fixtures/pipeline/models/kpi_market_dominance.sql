-- Daily market KPIs over complete days: BTC and ETH dominance at the day's last snapshot and their
-- day-over-day change, and the market liquidity ratio.
WITH daily AS (
    SELECT snapshot_date, btc_dominance_pct, eth_dominance_pct, total_market_cap_usd, total_volume_24h_usd,
        market_liquidity_ratio
    FROM silver.fact_global_market
    QUALIFY row_number() OVER (PARTITION BY snapshot_date ORDER BY snapshot_at DESC) = 1
)
SELECT
    snapshot_date,
    btc_dominance_pct,
    eth_dominance_pct,
    btc_dominance_pct - lag(btc_dominance_pct) OVER (ORDER BY snapshot_date) AS btc_dominance_delta_1d,
    eth_dominance_pct - lag(eth_dominance_pct) OVER (ORDER BY snapshot_date) AS eth_dominance_delta_1d,
    total_market_cap_usd,
    total_volume_24h_usd,
    market_liquidity_ratio
FROM daily
WHERE snapshot_date < (SELECT max(snapshot_date) FROM daily)
