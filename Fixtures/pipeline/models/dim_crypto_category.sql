-- Category identity and description.
SELECT
    id AS category_id,
    name AS category_name,
    title AS category_title,
    description AS category_description
FROM bronze.cryptocurrency_categories
WHERE id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _extracted_at DESC) = 1
