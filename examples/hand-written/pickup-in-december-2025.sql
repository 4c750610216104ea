-- A completed pickup order in December 2025.
SELECT DISTINCT customer_id
FROM orders
WHERE status = 'completed'
  AND fulfillment = 'pickup'
  AND strftime(order_ts, '%Y-%m') = '2025-12'
  AND order_ts::DATE <= {{as_of}}
