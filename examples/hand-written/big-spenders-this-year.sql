-- More than $1,000 of completed orders from 1 January of D's year to D.
SELECT customer_id
FROM orders
WHERE status = 'completed' AND order_ts::DATE BETWEEN make_date(year({{as_of}}), 1, 1) AND {{as_of}}
GROUP BY customer_id
HAVING sum(total_amount) > 1000
