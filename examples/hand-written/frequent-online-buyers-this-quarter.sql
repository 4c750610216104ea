-- 3 to 10 completed web/app orders since the first day of D's quarter.
SELECT customer_id
FROM orders
WHERE status = 'completed'
  AND channel IN ('web', 'app')
  AND order_ts::DATE >= make_date(year({{as_of}}), 3 * (quarter({{as_of}}) - 1) + 1, 1)
  AND order_ts::DATE <= {{as_of}}
GROUP BY customer_id
HAVING count(*) BETWEEN 3 AND 10
