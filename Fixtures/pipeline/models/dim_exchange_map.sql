-- Exchange listing status and history range, refreshed from each exchange_map snapshot.
SELECT
    CAST(id AS BIGINT) AS exchange_id,
    is_active = 1 AS is_active,
    TRY_CAST(first_historical_data AS TIMESTAMPTZ) AS first_historical_at,
    TRY_CAST(last_historical_data AS TIMESTAMPTZ) AS last_historical_at,
    _extracted_at AS observed_at
FROM bronze.exchange_map
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
