-- PostgreSQL: refresh planner statistics of the fact tables after their loads.
ANALYZE fact_crypto_market;
ANALYZE fact_exchange_assets;
ANALYZE fact_crypto_category;
