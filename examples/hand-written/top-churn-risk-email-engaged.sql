-- churn_risk at or above its interpolated 90th percentile; an email open/click in the last 90 days.
WITH cut AS (
  SELECT quantile_cont(score, 0.9) AS q FROM model_scores WHERE model_name = 'churn_risk'
)
SELECT DISTINCT m.customer_id
FROM model_scores m, cut
WHERE m.model_name = 'churn_risk'
  AND m.score >= cut.q
  AND EXISTS (
    SELECT 1 FROM events e
    WHERE e.customer_id = m.customer_id
      AND e.event_type IN ('email_open', 'email_click')
      AND e.event_ts::DATE BETWEEN {{as_of}} - 90 AND {{as_of}}
  )
