-- 10+ units of Dog Food / Cat Food on completed orders from 2026-01-01 to D.
SELECT o.customer_id
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
WHERE o.status = 'completed'
  AND p.category IN ('Dog Food', 'Cat Food')
  AND o.order_ts >= TIMESTAMP '2026-01-01 00:00:00'
  AND o.order_ts::DATE <= {{as_of}}
GROUP BY o.customer_id
HAVING sum(i.quantity) >= 10
