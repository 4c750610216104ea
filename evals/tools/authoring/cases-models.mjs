import {
  S, where, model, high, medium, low, topPct, bottomPct, recency, notBought, tier, state, region, days,
} from './lib.mjs';

export const category = 'model_scores';
export const prefix = 'model';

export const cases = [
  S('plain', 'Customers with high churn risk', where(high('churn_risk')), ['churn_risk']),
  S('terse', 'churn score > 0.7', where(model('churn_risk', 'score > 0.7')), ['churn_risk']),
  S('terse', 'top 10% predicted CLV', where(topPct('predicted_clv_12m', 10)), ['predicted_clv_12m']),
  S('number_words', 'bottom twenty percent by purchase propensity', where(bottomPct('purchase_propensity_30d', 20)), ['purchase_propensity_30d']),
  S('chatty', 'can we get the customers with medium discount sensitivity? middle of the pack', where(medium('discount_sensitivity')), ['discount_sensitivity']),
  S('terse', 'low email engagement', where(low('email_engagement')), ['email_engagement']),
  S('terse', 'top decile email engagement', where(model('email_engagement', 'decile = 10')), ['email_engagement']),
  S('plain', 'Bottom decile churn risk', where(model('churn_risk', 'decile = 1')), ['churn_risk']),
  S('plain', 'Predicted 12-month CLV over $1,000', where(model('predicted_clv_12m', 'score > 1000')), ['predicted_clv_12m']),
  S('plain', '30-day purchase propensity of at least 0.5', where(model('purchase_propensity_30d', 'score >= 0.5')), ['purchase_propensity_30d']),
  S('plain', 'Highly discount-sensitive shoppers', where(high('discount_sensitivity')), ['discount_sensitivity']),
  S('terse', 'churn decile 9-10', where(model('churn_risk', 'decile BETWEEN 9 AND 10')), ['churn_risk']),
  S('typo', 'top 5% by chrun risk', where(topPct('churn_risk', 5)), ['churn_risk']),
  S('plain', 'CLV deciles 4 through 7', where(model('predicted_clv_12m', 'decile BETWEEN 4 AND 7')), ['predicted_clv_12m']),
  S('plain', 'Purchase propensity between 0.3 and 0.6', where(model('purchase_propensity_30d', 'score BETWEEN 0.3 AND 0.6')), ['purchase_propensity_30d']),
  S('long', 'Our safest bets for a referral program: customers with low churn risk according to the model, who also have a high predicted 12-month CLV. Use the standard low/high bands, please.', where(low('churn_risk'), high('predicted_clv_12m')), ['churn_risk', 'predicted_clv_12m']),
  S('plain', 'Top 25% by email engagement score', where(topPct('email_engagement', 25)), ['email_engagement']),
  S('typo', 'hi churn risk custmers', where(high('churn_risk')), ['churn_risk']),
  S('number_words', 'the top ten percent of predicted lifetime value over the next twelve months', where(topPct('predicted_clv_12m', 10)), ['predicted_clv_12m']),
  S('number_words', 'predicted twelve-month CLV under one hundred dollars', where(model('predicted_clv_12m', 'score < 100')), ['predicted_clv_12m']),
  S('terse', 'top 1% CLV', where(topPct('predicted_clv_12m', 1)), ['predicted_clv_12m']),
  S('chatty', "who's got an email engagement score below 0.2? thinking of sunsetting them", where(model('email_engagement', 'score < 0.2')), ['email_engagement']),
  S('plain', 'Bottom 30% discount sensitivity', where(bottomPct('discount_sensitivity', 30)), ['discount_sensitivity']),
  S('chatty', 'who in California sits in the very top purchase propensity decile?', where(state('CA'), model('purchase_propensity_30d', 'decile = 10')), ['state', 'purchase_propensity_30d']),
  S('plain', 'High churn risk but also highly discount-sensitive', where(high('churn_risk'), high('discount_sensitivity')), ['churn_risk', 'discount_sensitivity']),
  S('long', "High-potential but quiet: customers in the top 10% of predicted 12-month CLV who haven't bought anything in the last 60 days (people who never bought count as not having bought). Sales wants to call them.", where(topPct('predicted_clv_12m', 10), notBought({ w: days(60) })), ['predicted_clv_12m', 'purchase']),
  S('terse', 'platinum, low discount sensitivity', where(tier('platinum'), low('discount_sensitivity')), ['loyalty_tier', 'discount_sensitivity']),
  S('plain', 'Email engagement in deciles 1 and 2', where(model('email_engagement', 'decile IN (1, 2)')), ['email_engagement']),
  S('long', 'Media budget is tight, so only target customers the propensity model likes: purchase propensity (30-day) in decile 7 or higher. No demographic filters for this flight.', where(model('purchase_propensity_30d', 'decile >= 7')), ['purchase_propensity_30d']),
  S('plain', 'Churn probability greater than 50%', where(model('churn_risk', 'score > 0.5')), ['churn_risk']),
  S('terse', 'medium churn risk, midwest', where(medium('churn_risk'), region('midwest')), ['churn_risk', 'region']),
  S('plain', 'Bottom half of predicted CLV', where(bottomPct('predicted_clv_12m', 50)), ['predicted_clv_12m']),
  S('chatty', "Could you get me the folks our model thinks are most likely to buy in the next 30 days — top 5 percent only?", where(topPct('purchase_propensity_30d', 5)), ['purchase_propensity_30d']),
  S('long', "For the retention budget I need customers whose churn-risk score is in the top 20% and whose predicted 12-month CLV is above $100 — these are the ones worth saving — and who we can still reach by email.",
    where(topPct('churn_risk', 20), model('predicted_clv_12m', 'score > 100'), 'email_opt_in'), ['churn_risk', 'predicted_clv_12m', 'reachable_email']),
];
