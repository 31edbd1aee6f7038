-- Exchange identity: one row per CoinMarketCap exchange id, from the newest pending exchange_map snapshot.
SELECT
    CAST(id AS BIGINT) AS exchange_id,
    name AS exchange_name,
    slug AS exchange_slug
FROM bronze.exchange_map
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
