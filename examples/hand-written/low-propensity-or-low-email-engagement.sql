-- purchase_propensity_30d at or below its interpolated 20th percentile, or email_engagement decile 1-2.
SELECT customer_id
FROM model_scores
WHERE model_name = 'purchase_propensity_30d'
  AND score <= (SELECT quantile_cont(score, 0.2) FROM model_scores WHERE model_name = 'purchase_propensity_30d')
UNION
SELECT customer_id
FROM model_scores
WHERE model_name = 'email_engagement' AND decile IN (1, 2)
