-- At most $50 of completed orders in calendar 2025; no order in 2025 counts as $0.
SELECT c.customer_id
FROM customers c
LEFT JOIN (
  SELECT customer_id, sum(total_amount) AS spent
  FROM orders
  WHERE status = 'completed' AND year(order_ts) = 2025 AND order_ts::DATE <= {{as_of}}
  GROUP BY customer_id
) s ON s.customer_id = c.customer_id
WHERE coalesce(s.spent, 0) <= 50
