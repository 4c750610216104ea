import {
  S, where, bought, notBought, did, didNot, orders, notInQ, spendGt, VIP, low, dept, cat, brand, PRIVATE, ORGANIC, ONLINE,
  INSTORE, COUPON, and, not, days, months, years, THIS_YEAR, inYear, since, state, region, city, tier, gender, eq,
} from './lib.mjs';

export const category = 'negation';
export const prefix = 'neg';

export const cases = [
  S('plain', 'Customers who have not bought electronics', where(notBought({ item: dept('Electronics') })), ['purchase', 'department']),
  S('chatty', "Hey, can you find people who didn't buy any toys this year? Even if they never bought anything", where(notBought({ item: dept('Toys'), w: THIS_YEAR })), ['purchase', 'department']),
  S('plain', 'Bought groceries this year but never anything organic', where(bought({ item: dept('Grocery'), w: THIS_YEAR }), notBought({ item: ORGANIC })), ['purchase', 'department', 'organic']),
  S('terse', 'not in CA', where(`state <> 'CA'`), ['state']),
  S('plain', 'Silver members who are not employees', where(tier('silver'), 'NOT is_employee'), ['loyalty_tier', 'is_employee']),
  S('plain', "Women who haven't opened an email in the last 90 days", where(gender('female'), didNot({ type: 'email_open', w: days(90) })), ['gender', 'email_open']),
  S('long', 'Baby lapsers: customers who bought baby products at some point in 2025 but have not bought any baby products in 2026 so far. They may have outgrown the category or switched retailers; we want to find out.', where(bought({ item: dept('Baby'), w: inYear(2025) }), notBought({ item: dept('Baby'), w: since('2026-01-01') })), ['purchase', 'department']),
  S('terse', 'no kids', where('NOT has_children'), ['has_children']),
  S('plain', 'Non-platinum customers who spent over $1,000 this year', where(`loyalty_tier <> 'platinum'`, spendGt(1000, THIS_YEAR)), ['loyalty_tier', 'spend']),
  S('plain', 'Customers who have never used the app', where(didNot({ type: 'app_open' })), ['app_open']),
  S('typo', 'bought diapers but never baby fomrula', where(bought({ item: cat('Diapers') }), notBought({ item: cat('Baby Formula') })), ['purchase', 'category']),
  S('terse', 'non-VIPs', where(not(VIP)), ['vip']),
  S('number_words', "customers who didn't return anything in the last six months", where(notInQ(orders({ status: 'returned', w: months(6) }))), ['returns', 'purchase']),
  S('plain', 'Everyone except the Northeast and the Southeast', where(`region NOT IN ('northeast', 'southeast')`), ['region']),
  S('terse', 'zero orders in 2026', where(notBought({ w: since('2026-01-01') })), ['purchase']),
  S('plain', "Customers who haven't visited the website in 30 days", where(didNot({ type: 'web_visit', w: days(30) })), ['web_visit']),
  S('terse', 'not opted in to sms', where('NOT sms_opt_in'), ['sms_opt_in']),
  S('chatty', "who's never tried our private label (Acme Select)? sampling campaign", where(notBought({ item: PRIVATE })), ['purchase', 'private_label']),
  S('plain', 'Bought groceries in a store but never bought groceries online', where(bought({ item: dept('Grocery'), order: INSTORE }), notBought({ item: dept('Grocery'), order: ONLINE })), ['purchase', 'department', 'channel']),
  S('plain', 'Texas customers outside Houston', where(state('TX'), `NOT ${city('Houston', 'TX')}`), ['state', 'city']),
  S('plain', 'Everyone except customers with low churn risk', where(not(low('churn_risk'))), ['churn_risk']),
  S('plain', 'Exclude anyone who bought in the last 14 days', where(notBought({ w: days(14) })), ['purchase']),
  S('plain', 'Gold members who have never returned an order', where(tier('gold'), notInQ(orders({ status: 'returned' }))), ['loyalty_tier', 'returns', 'purchase']),
  S('terse', 'non-iOS', where(`device_os <> 'ios'`), ['device_os']),
  S('plain', 'Bought something this year without using a coupon on any order this year', where(bought({ w: THIS_YEAR }), notBought({ order: COUPON, w: THIS_YEAR })), ['purchase', 'coupon']),
  S('chatty', "Could you get apparel buyers who haven't bought Nike yet? Nike promo next month", where(bought({ item: dept('Apparel') }), notBought({ item: brand('Nike') })), ['purchase', 'department', 'brand']),
  S('typo', 'custmers who havnt bought dog or cat food', where(notBought({ item: cat('Dog Food', 'Cat Food') })), ['purchase', 'category']),
  S('number_words', "haven't purchased anything in the last sixty days", where(notBought({ w: days(60) })), ['purchase']),
  S('plain', "Email subscribers who aren't SMS subscribers", where('email_opt_in', 'NOT sms_opt_in'), ['email_opt_in', 'sms_opt_in']),
  S('long', 'For the tier-upgrade teaser we only want people below gold: customers who are neither gold nor platinum (so silver members and people with no tier). Do not filter on anything else.', where(`loyalty_tier NOT IN ('gold', 'platinum')`), ['loyalty_tier']),
  S('chatty', "Can you find everyone who bought printers & ink in 2025 but hasn't come back for more this year? Ink reminder campaign",
    where(bought({ item: cat('Printers & Ink'), w: inYear(2025) }), notBought({ item: cat('Printers & Ink'), w: THIS_YEAR })), ['purchase', 'category']),
  S('long', "Cross-sell for the pet aisle: customers who've bought dog food in the last 6 months but have never bought any pet treats, and who aren't employees. Leave out anyone who has unsubscribed from email (opted out).",
    where(bought({ item: cat('Dog Food'), w: months(6) }), notBought({ item: cat('Pet Treats') }), 'NOT is_employee', 'email_opt_in'),
    ['purchase', 'category', 'is_employee', 'email_opt_in']),
  S('terse', 'no Electronics 12mo', where(notBought({ item: dept('Electronics'), w: months(12) })), ['purchase', 'department']),
  S('plain', "Customers who received an SMS this month but didn't click any", where(did({ type: 'sms_sent', w: { thisMonth: true } }), didNot({ type: 'sms_click', w: { thisMonth: true } })), ['sms_sent', 'sms_click']),
];
void and; void years; void region; void tier; void eq;
