-- Aggregate market figures of each category per snapshot.
SELECT
    id AS category_id,
    _extracted_at AS snapshot_at,
    CAST(_extracted_at AS DATE) AS snapshot_date,
    num_tokens,
    avg_price_change AS avg_price_change_pct,
    market_cap AS market_cap_usd,
    market_cap_change AS market_cap_change_pct,
    volume AS volume_usd,
    volume_change AS volume_change_pct
FROM bronze.cryptocurrency_categories
WHERE id IS NOT NULL
