-- Alerts for snapshots where a coin moved more than 5% (up or down) over 24 hours.
SELECT
    crypto_id,
    snapshot_at,
    snapshot_date,
    price_usd,
    percent_change_24h,
    CASE WHEN percent_change_24h > 0 THEN 'up' ELSE 'down' END AS direction
FROM silver.fact_crypto_market
WHERE abs(percent_change_24h) > 5
