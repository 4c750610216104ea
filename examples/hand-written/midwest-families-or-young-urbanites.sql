-- Midwest, children, at least one completed order; or aged 18-24 (whole years at D) in Chicago / New York.
SELECT c.customer_id
FROM customers c
WHERE (
    c.region = 'midwest' AND c.has_children
    AND EXISTS (
      SELECT 1 FROM orders o
      WHERE o.customer_id = c.customer_id AND o.status = 'completed' AND o.order_ts::DATE <= {{as_of}}
    )
  )
  OR (
    c.city IN ('Chicago', 'New York')
    AND year({{as_of}}) - year(c.birth_date)
        - CASE WHEN month({{as_of}}) * 100 + day({{as_of}}) < month(c.birth_date) * 100 + day(c.birth_date) THEN 1 ELSE 0 END
        BETWEEN 18 AND 24
  )
