-- Bought before but nothing in the last 365 days; lifetime completed spend of $500 or more.
SELECT customer_id
FROM orders
WHERE status = 'completed' AND order_ts::DATE <= {{as_of}}
GROUP BY customer_id
HAVING date_diff('day', max(order_ts::DATE), {{as_of}}) > 365 AND sum(total_amount) >= 500
