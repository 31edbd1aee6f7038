-- Average, lowest and highest price of each coin per complete UTC hour.
SELECT
    crypto_id,
    date_trunc('hour', snapshot_at) AS price_hour,
    avg(price_usd) AS avg_price_usd,
    min(price_usd) AS min_price_usd,
    max(price_usd) AS max_price_usd,
    count(*) AS snapshots
FROM silver.fact_crypto_market
WHERE date_trunc('hour', snapshot_at) < (SELECT date_trunc('hour', max(snapshot_at)) FROM silver.fact_crypto_market)
GROUP BY crypto_id, date_trunc('hour', snapshot_at)
