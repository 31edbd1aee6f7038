-- Wallet balances held by exchanges, one row per exchange, wallet and currency per snapshot.
SELECT
    CAST(exchange_id AS BIGINT) AS exchange_id,
    wallet_address,
    CAST(platform_crypto_id AS BIGINT) AS platform_crypto_id,
    platform_symbol,
    CAST(currency_crypto_id AS BIGINT) AS crypto_id,
    currency_symbol,
    balance,
    currency_price_usd AS price_usd,
    balance * currency_price_usd AS value_usd,
    _extracted_at AS snapshot_at,
    CAST(_extracted_at AS DATE) AS snapshot_date
FROM bronze.exchange_assets
WHERE exchange_id IS NOT NULL AND wallet_address IS NOT NULL
