-- Market quotes of the ranked coins: one row per coin per listings snapshot, with the volume/market-cap ratio.
SELECT
    CAST(id AS BIGINT) AS crypto_id,
    _extracted_at AS snapshot_at,
    CAST(_extracted_at AS DATE) AS snapshot_date,
    cmc_rank,
    num_market_pairs,
    quote_usd_price AS price_usd,
    quote_usd_volume_24h AS volume_24h_usd,
    quote_usd_volume_change_24h AS volume_change_24h_pct,
    quote_usd_percent_change_1h AS percent_change_1h,
    quote_usd_percent_change_24h AS percent_change_24h,
    quote_usd_percent_change_7d AS percent_change_7d,
    quote_usd_market_cap AS market_cap_usd,
    quote_usd_market_cap_dominance AS market_cap_dominance_pct,
    quote_usd_fully_diluted_market_cap AS fully_diluted_market_cap_usd,
    circulating_supply,
    total_supply,
    max_supply,
    quote_usd_volume_24h / nullif(quote_usd_market_cap, 0) AS volume_to_market_cap,
    TRY_CAST(last_updated AS TIMESTAMPTZ) AS quoted_at
FROM bronze.listings_latest
WHERE id IS NOT NULL AND quote_usd_price IS NOT NULL
