-- Coin rank, activity and platform (the chain a token lives on), from the latest map snapshot.
SELECT
    CAST(id AS BIGINT) AS crypto_id,
    rank AS cmc_rank,
    is_active = 1 AS is_active,
    TRY_CAST(first_historical_data AS TIMESTAMPTZ) AS first_historical_at,
    TRY_CAST(last_historical_data AS TIMESTAMPTZ) AS last_historical_at,
    CAST(platform_id AS BIGINT) AS platform_crypto_id,
    platform_symbol,
    platform_token_address AS token_address,
    _extracted_at AS observed_at
FROM bronze.cryptocurrency_map
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
