-- Exactly one completed order in [D - 1 year, D].
SELECT customer_id
FROM orders
WHERE status = 'completed' AND order_ts::DATE BETWEEN ({{as_of}} - INTERVAL 1 YEAR)::DATE AND {{as_of}}
GROUP BY customer_id
HAVING count(*) = 1
