-- Coin identity: one row per CoinMarketCap cryptocurrency id.
SELECT
    CAST(id AS BIGINT) AS crypto_id,
    symbol,
    name AS crypto_name,
    slug AS crypto_slug
FROM bronze.cryptocurrency_map
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
