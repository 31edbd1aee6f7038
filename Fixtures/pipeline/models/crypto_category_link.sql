-- Which coins belong to which category (many to many), from the per-category coin lists.
SELECT DISTINCT
    category_id,
    CAST(id AS BIGINT) AS crypto_id
FROM bronze.cryptocurrency_category
WHERE category_id IS NOT NULL AND id IS NOT NULL
