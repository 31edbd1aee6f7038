-- Fear and greed index per snapshot, with our own classification next to the API's label:
-- 0-24 extreme fear, 25-44 fear, 45-55 neutral, 56-75 greed, 76-100 extreme greed.
SELECT
    _extracted_at AS snapshot_at,
    CAST(_extracted_at AS DATE) AS snapshot_date,
    TRY_CAST(update_time AS TIMESTAMPTZ) AS index_updated_at,
    value AS fear_greed_value,
    value_classification AS api_classification,
    CASE
        WHEN value IS NULL THEN NULL
        WHEN value < 25 THEN 'extreme fear'
        WHEN value < 45 THEN 'fear'
        WHEN value <= 55 THEN 'neutral'
        WHEN value <= 75 THEN 'greed'
        ELSE 'extreme greed'
    END AS classification
FROM bronze.fear_and_greed_latest
