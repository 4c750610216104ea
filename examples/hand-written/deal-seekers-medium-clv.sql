-- discount_sensitivity score above 0.7 and predicted_clv_12m in deciles 4-7.
SELECT a.customer_id
FROM model_scores a
JOIN model_scores b ON b.customer_id = a.customer_id
WHERE a.model_name = 'discount_sensitivity' AND a.score > 0.7
  AND b.model_name = 'predicted_clv_12m' AND b.decile BETWEEN 4 AND 7
