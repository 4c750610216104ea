-- Birth month = D's month; gold or platinum.
SELECT customer_id
FROM customers
WHERE loyalty_tier IN ('gold', 'platinum') AND month(birth_date) = month({{as_of}})
