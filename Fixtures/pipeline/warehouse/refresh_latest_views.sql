-- PostgreSQL, run after the market facts are loaded: views of the newest snapshot for dashboards.
CREATE OR REPLACE VIEW latest_crypto_market AS
SELECT m.*
FROM fact_crypto_market AS m
WHERE m.snapshot_at = (SELECT max(snapshot_at) FROM fact_crypto_market);

CREATE OR REPLACE VIEW latest_global_market AS
SELECT g.*
FROM fact_global_market AS g
ORDER BY g.snapshot_at DESC
LIMIT 1;
