-- Bought Baby in the last 90 days, but not in the last 30 days.
WITH baby_order_days AS (
  SELECT DISTINCT o.customer_id, o.order_ts::DATE AS d
  FROM orders o
  JOIN order_items i ON i.order_id = o.order_id
  JOIN products p ON p.product_id = i.product_id
  WHERE o.status = 'completed' AND p.department = 'Baby' AND o.order_ts::DATE <= {{as_of}}
)
SELECT customer_id FROM baby_order_days WHERE d >= {{as_of}} - INTERVAL 90 DAY
EXCEPT
SELECT customer_id FROM baby_order_days WHERE d >= {{as_of}} - INTERVAL 30 DAY
