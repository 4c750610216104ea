-- An Electronics product view in the last 30 days, no completed Electronics order in the last 30 days.
SELECT e.customer_id
FROM events e
JOIN products p ON p.product_id = e.product_id
WHERE e.event_type = 'product_view'
  AND p.department = 'Electronics'
  AND e.event_ts::DATE BETWEEN {{as_of}} - 30 AND {{as_of}}
EXCEPT
SELECT o.customer_id
FROM orders o
JOIN order_items i ON i.order_id = o.order_id
JOIN products p ON p.product_id = i.product_id
WHERE o.status = 'completed'
  AND p.department = 'Electronics'
  AND o.order_ts::DATE BETWEEN {{as_of}} - 30 AND {{as_of}}
