-- Two or more completed coupon orders from 15 Nov to 31 Dec 2025 inclusive.
SELECT customer_id
FROM orders
WHERE status = 'completed'
  AND coupon_used
  AND order_ts >= TIMESTAMP '2025-11-15 00:00:00'
  AND order_ts < TIMESTAMP '2026-01-01 00:00:00'
  AND order_ts::DATE <= {{as_of}}
GROUP BY customer_id
HAVING count(*) >= 2
