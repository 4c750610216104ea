-- A returned order in the last 12 calendar months, and a completed order in the last 90 days.
SELECT r.customer_id
FROM (
  SELECT DISTINCT customer_id FROM orders
  WHERE status = 'returned'
    AND order_ts::DATE >= ({{as_of}} - INTERVAL 12 MONTH)::DATE
    AND order_ts::DATE <= {{as_of}}
) r
JOIN (
  SELECT customer_id FROM orders
  WHERE status = 'completed' AND order_ts::DATE <= {{as_of}}
  GROUP BY customer_id
  HAVING date_diff('day', max(order_ts::DATE), {{as_of}}) <= 90
) a ON a.customer_id = r.customer_id
