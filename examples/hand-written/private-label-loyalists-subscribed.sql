-- More than $100 of private-label line amounts in the last calendar year; never unsubscribed (up to D).
SELECT o.customer_id
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
WHERE o.status = 'completed'
  AND p.is_private_label
  AND o.order_ts::DATE >= ({{as_of}} - INTERVAL 1 YEAR)::DATE
  AND o.order_ts::DATE <= {{as_of}}
  AND o.customer_id NOT IN (
    SELECT customer_id FROM events
    WHERE event_type = 'unsubscribe' AND event_ts::DATE <= {{as_of}} AND customer_id IS NOT NULL
  )
GROUP BY o.customer_id
HAVING sum(i.line_amount) > 100
