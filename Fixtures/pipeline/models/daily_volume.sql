-- Traded volume per coin per complete day (24h volume at the day's last snapshot) and the coin's share of the
-- day's total over the ranked coins.
WITH daily AS (
    SELECT crypto_id, snapshot_date, volume_24h_usd
    FROM silver.fact_crypto_market
    QUALIFY row_number() OVER (PARTITION BY crypto_id, snapshot_date ORDER BY snapshot_at DESC) = 1
)
SELECT
    crypto_id,
    snapshot_date,
    volume_24h_usd,
    volume_24h_usd / nullif(sum(volume_24h_usd) OVER (PARTITION BY snapshot_date), 0) AS volume_share
FROM daily
WHERE snapshot_date < (SELECT max(snapshot_date) FROM daily)
