-- Exchange metadata (fetched incrementally for new exchange ids).
SELECT
    CAST(id AS BIGINT) AS exchange_id,
    name AS exchange_name,
    slug AS exchange_slug,
    type AS exchange_type,
    description,
    TRY_CAST(date_launched AS TIMESTAMPTZ) AS launched_at,
    maker_fee,
    taker_fee,
    weekly_visits,
    spot_volume_usd,
    TRY_CAST(spot_volume_last_updated AS TIMESTAMPTZ) AS spot_volume_updated_at,
    urls_website AS website_urls,
    countries,
    fiats,
    _extracted_at AS observed_at
FROM bronze.exchange_info
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
