-- Coin metadata (fetched incrementally for new ids): category, launch date, tags and links.
SELECT
    CAST(id AS BIGINT) AS crypto_id,
    category,
    description,
    logo AS logo_url,
    TRY_CAST(date_added AS TIMESTAMPTZ) AS added_at,
    TRY_CAST(date_launched AS TIMESTAMPTZ) AS launched_at,
    tags,
    tag_names,
    urls_website AS website_urls,
    urls_source_code AS source_code_urls,
    infinite_supply,
    _extracted_at AS observed_at
FROM bronze.cryptocurrency_info
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
