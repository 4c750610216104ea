-- Lapsed (last completed order 91-365 days before D) VIPs (platinum, or predicted CLV decile 10) in Texas.
WITH last_purchase AS (
  SELECT customer_id, max(order_ts::DATE) AS last_day
  FROM orders
  WHERE status = 'completed' AND order_ts::DATE <= {{as_of}}
  GROUP BY customer_id
),
clv_top AS (
  SELECT DISTINCT customer_id FROM model_scores WHERE model_name = 'predicted_clv_12m' AND decile = 10
)
SELECT c.customer_id
FROM customers c
JOIN last_purchase lp ON lp.customer_id = c.customer_id
LEFT JOIN clv_top t ON t.customer_id = c.customer_id
WHERE c.state = 'TX'
  AND ({{as_of}} - lp.last_day) BETWEEN 91 AND 365
  AND (c.loyalty_tier = 'platinum' OR t.customer_id IS NOT NULL)
