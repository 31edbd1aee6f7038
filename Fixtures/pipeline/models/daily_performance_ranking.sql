-- Coins ranked by 24h price change at each complete day's last snapshot (1 = best performer).
WITH daily AS (
    SELECT crypto_id, snapshot_date, price_usd, percent_change_24h, market_cap_usd
    FROM silver.fact_crypto_market
    WHERE percent_change_24h IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY crypto_id, snapshot_date ORDER BY snapshot_at DESC) = 1
)
SELECT
    d.snapshot_date,
    rank() OVER (PARTITION BY d.snapshot_date ORDER BY d.percent_change_24h DESC) AS performance_rank,
    d.crypto_id,
    i.symbol,
    d.price_usd,
    d.percent_change_24h,
    d.market_cap_usd
FROM daily AS d
LEFT JOIN silver.dim_crypto_id AS i ON i.crypto_id = d.crypto_id
WHERE d.snapshot_date < (SELECT max(snapshot_date) FROM daily)
