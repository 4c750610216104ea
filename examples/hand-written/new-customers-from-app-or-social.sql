-- First completed order within the last 30 days; signed up in the app or via social.
SELECT c.customer_id
FROM customers c
WHERE c.signup_channel IN ('app', 'social')
  AND c.customer_id IN (
    SELECT customer_id FROM orders
    WHERE status = 'completed' AND order_ts::DATE <= {{as_of}}
    GROUP BY customer_id
    HAVING min(order_ts::DATE) >= {{as_of}} - 30
  )
