-- A cart_abandon event about a Beauty product in the last 28 days; email opt-in.
SELECT DISTINCT c.customer_id
FROM customers c
JOIN events e ON e.customer_id = c.customer_id
JOIN products p ON p.product_id = e.product_id
WHERE c.email_opt_in = TRUE
  AND e.event_type = 'cart_abandon'
  AND p.department = 'Beauty'
  AND e.event_ts::DATE >= {{as_of}} - 28
  AND e.event_ts::DATE <= {{as_of}}
