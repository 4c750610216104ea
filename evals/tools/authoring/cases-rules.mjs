import {
  S, where, VIP, LIKELY_CHURN, LIKELY_BUY, EMAIL_ENGAGED, emailEngaged, REACH_EMAIL, REACH_SMS, REACH_PUSH, LAPSED, ACTIVE,
  PROSPECT, model, bought, notBought, state, region, or, not, days, THIS_YEAR, inYear, eq,
} from './lib.mjs';

export const category = 'business_rules';
export const prefix = 'rule';

export const cases = [
  S('terse', 'VIPs', where(VIP), ['vip']),
  S('plain', 'VIP customers in Texas', where(VIP, state('TX')), ['vip', 'state']),
  S('terse', 'lapsed VIPs TX', where(LAPSED, VIP, state('TX')), ['lapsed_customer', 'vip', 'state']),
  S('chatty', 'who is likely to churn right now? want to get ahead of it', where(LIKELY_CHURN), ['likely_to_churn']),
  S('terse', 'at-risk customers', where(LIKELY_CHURN), ['likely_to_churn']),
  S('plain', 'Customers likely to buy', where(LIKELY_BUY), ['likely_to_buy']),
  S('plain', 'Customers engaged with email', where(EMAIL_ENGAGED), ['engaged_with_email']),
  S('number_words', 'engaged with email in the last thirty days', where(emailEngaged(days(30))), ['engaged_with_email']),
  S('terse', 'reachable by email', where(REACH_EMAIL), ['reachable_email']),
  S('plain', 'Customers we can reach by SMS', where(REACH_SMS), ['reachable_sms']),
  S('plain', 'Push-reachable customers', where(REACH_PUSH), ['reachable_push']),
  S('terse', 'VIPs reachable by sms', where(VIP, REACH_SMS), ['vip', 'reachable_sms']),
  S('plain', 'VIPs who are likely to churn', where(VIP, LIKELY_CHURN), ['vip', 'likely_to_churn']),
  S('plain', 'Likely buyers who are not VIPs', where(LIKELY_BUY, not(VIP)), ['likely_to_buy', 'vip']),
  S('typo', 'email-enaged customers who cant be reached by push', where(EMAIL_ENGAGED, not(REACH_PUSH)), ['engaged_with_email', 'reachable_push']),
  S('long', "Save-the-VIP campaign: VIP customers who our model flags as at risk of churning and who we can still email. Everything else is open — any region, any age.",
    where(VIP, LIKELY_CHURN, REACH_EMAIL), ['vip', 'likely_to_churn', 'reachable_email']),
  S('chatty', 'How many people can we reach at all? Email, SMS or push, any of them', where(or(REACH_EMAIL, REACH_SMS, REACH_PUSH)), ['reachable_email', 'reachable_sms', 'reachable_push']),
  S('plain', 'Reachable by email but not engaged with email', where(REACH_EMAIL, not(EMAIL_ENGAGED)), ['reachable_email', 'engaged_with_email']),
  S('plain', 'VIPs, excluding employees', where(VIP, 'NOT is_employee'), ['vip', 'is_employee']),
  S('terse', 'likely buyers, not at risk', where(LIKELY_BUY, not(LIKELY_CHURN)), ['likely_to_buy', 'likely_to_churn']),
  S('plain', 'Lapsed customers who are at risk', where(LAPSED, LIKELY_CHURN), ['lapsed_customer', 'likely_to_churn']),
  S('chatty', 'Any email-engaged prospects? People who read our emails but have never bought', where(EMAIL_ENGAGED, PROSPECT), ['engaged_with_email', 'prospect']),
  S('typo', 'VIP custmers reachble by sms in florda', where(VIP, REACH_SMS, state('FL')), ['vip', 'reachable_sms', 'state']),
  S('plain', 'iOS users we can reach with push', where(REACH_PUSH, eq('device_os', 'ios')), ['reachable_push', 'device_os']),
  S('plain', 'VIPs — and for this one VIP means top CLV decile only, not platinum', where(model('predicted_clv_12m', 'decile = 10')), ['predicted_clv_12m']),
  S('chatty', 'Can you get me the likely-to-churn people that we can actually text?', where(LIKELY_CHURN, REACH_SMS), ['likely_to_churn', 'reachable_sms']),
  S('long', "VIP early-access invite for the summer sale: all VIPs except the ones who already bought something in the last 7 days — they just got a thank-you note and we don't want to double up.", where(VIP, notBought({ w: days(7) })), ['vip', 'purchase']),
  S('plain', 'Customers who engaged with email during 2025', where(emailEngaged(inYear(2025))), ['engaged_with_email']),
  S('number_words', 'VIPs in the west region who are likely to buy in the next thirty days', where(VIP, region('west'), LIKELY_BUY), ['vip', 'region', 'likely_to_buy']),
  S('terse', 'at risk + push reachable', where(LIKELY_CHURN, REACH_PUSH), ['likely_to_churn', 'reachable_push']),
];
void bought; void THIS_YEAR;
