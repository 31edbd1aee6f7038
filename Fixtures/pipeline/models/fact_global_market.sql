-- Market-wide totals per snapshot, with dominance deltas against yesterday and the market liquidity ratio
-- (24h volume over total market capitalisation).
SELECT
    _extracted_at AS snapshot_at,
    CAST(_extracted_at AS DATE) AS snapshot_date,
    active_cryptocurrencies,
    total_cryptocurrencies,
    active_market_pairs,
    active_exchanges,
    btc_dominance AS btc_dominance_pct,
    eth_dominance AS eth_dominance_pct,
    btc_dominance - btc_dominance_yesterday AS btc_dominance_delta_24h,
    eth_dominance - eth_dominance_yesterday AS eth_dominance_delta_24h,
    quote_usd_total_market_cap AS total_market_cap_usd,
    quote_usd_total_volume_24h AS total_volume_24h_usd,
    quote_usd_altcoin_market_cap AS altcoin_market_cap_usd,
    quote_usd_altcoin_volume_24h AS altcoin_volume_24h_usd,
    defi_market_cap AS defi_market_cap_usd,
    defi_volume_24h AS defi_volume_24h_usd,
    stablecoin_market_cap AS stablecoin_market_cap_usd,
    stablecoin_volume_24h AS stablecoin_volume_24h_usd,
    derivatives_volume_24h AS derivatives_volume_24h_usd,
    quote_usd_total_volume_24h / nullif(quote_usd_total_market_cap, 0) AS market_liquidity_ratio,
    TRY_CAST(last_updated AS TIMESTAMPTZ) AS quoted_at
FROM bronze.global_metrics_quotes_latest
