-- A completed order strictly before D - 18 months, and none in [D - 12 months, D].
SELECT customer_id
FROM orders
WHERE status = 'completed' AND order_ts::DATE <= {{as_of}}
GROUP BY customer_id
HAVING min(order_ts::DATE) < ({{as_of}} - INTERVAL 18 MONTH)::DATE
   AND max(order_ts::DATE) < ({{as_of}} - INTERVAL 12 MONTH)::DATE
