-- Organic line spend per order holding an organic item, last 6 calendar months, at least $20.
SELECT o.customer_id
FROM orders o
JOIN order_items i USING (order_id)
JOIN products p USING (product_id)
WHERE o.status = 'completed'
  AND p.is_organic
  AND o.order_ts::DATE BETWEEN ({{as_of}} - INTERVAL 6 MONTH)::DATE AND {{as_of}}
GROUP BY o.customer_id
HAVING sum(i.line_amount) / count(DISTINCT o.order_id) >= 20
