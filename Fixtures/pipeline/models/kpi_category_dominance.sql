-- Share of the total market capitalisation held by each category, per complete day (the day's last category
-- snapshot against the day's last global snapshot).
WITH category_daily AS (
    SELECT category_id, snapshot_date, market_cap_usd, volume_usd
    FROM silver.fact_crypto_category
    QUALIFY row_number() OVER (PARTITION BY category_id, snapshot_date ORDER BY snapshot_at DESC) = 1
),
global_daily AS (
    SELECT snapshot_date, total_market_cap_usd
    FROM silver.fact_global_market
    QUALIFY row_number() OVER (PARTITION BY snapshot_date ORDER BY snapshot_at DESC) = 1
)
SELECT
    c.category_id,
    d.category_name,
    c.snapshot_date,
    c.market_cap_usd,
    c.volume_usd,
    100 * c.market_cap_usd / nullif(g.total_market_cap_usd, 0) AS category_dominance_pct
FROM category_daily AS c
JOIN global_daily AS g ON g.snapshot_date = c.snapshot_date
LEFT JOIN silver.dim_crypto_category AS d ON d.category_id = c.category_id
WHERE c.snapshot_date < (SELECT max(snapshot_date) FROM global_daily)
