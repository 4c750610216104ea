-- The next birthday on or after D falls within [D, D + 7]; SMS opt-in. 29 Feb falls on 1 Mar in non-leap years.
WITH b AS (
  SELECT customer_id, month(birth_date) AS m, day(birth_date) AS d
  FROM customers
  WHERE sms_opt_in AND birth_date IS NOT NULL
),
occurrences AS (
  SELECT b.customer_id,
         CASE
           WHEN b.m = 2 AND b.d = 29 AND NOT (y.y % 4 = 0 AND (y.y % 100 <> 0 OR y.y % 400 = 0)) THEN make_date(y.y, 3, 1)
           ELSE make_date(y.y, b.m, b.d)
         END AS day
  FROM b, (SELECT unnest([year({{as_of}}), year({{as_of}}) + 1]) AS y) y
)
SELECT DISTINCT customer_id FROM occurrences WHERE day BETWEEN {{as_of}} AND {{as_of}} + 7
