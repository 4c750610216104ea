import {
  S, where, bought, notBought, orders, inQ, notInQ, ordersGte, spendGt, dept, PRIVATE, COUPON, and, days, months, THIS_YEAR,
  inYear, state, D,
} from './lib.mjs';

export const category = 'coupons_returns';
export const prefix = 'coup';

const returned = (opts = {}) => inQ(orders({ ...opts, status: 'returned' }));
const neverReturned = (opts = {}) => notInQ(orders({ ...opts, status: 'returned' }));

export const cases = [
  S('terse', 'coupon users 90d', where(bought({ order: COUPON, w: days(90) })), ['coupon', 'purchase']),
  S('chatty', 'anyone who used a discount code this year? trying to size our promo list', where(bought({ order: COUPON, w: THIS_YEAR })), ['coupon', 'purchase']),
  S('plain', 'Customers who have never used a coupon (including people who never bought)', where(notBought({ order: COUPON })), ['coupon', 'purchase']),
  S('plain', 'Customers who used coupons on 3 or more orders', where(ordersGte(3, null, COUPON)), ['coupon', 'order_count']),
  S('plain', 'Returned something in the last 30 days', where(returned({ w: days(30) })), ['returns', 'purchase']),
  S('terse', 'returners 2025', where(returned({ w: inYear(2025) })), ['returns', 'purchase']),
  S('number_words', 'customers with two or more returned orders', where(returned({ having: 'count(*) >= 2' })), ['returns', 'order_count']),
  S('typo', 'custmers who retruned an electronics item', where(inQ(orders({ status: 'returned', item: dept('Electronics') }))), ['returns', 'department', 'purchase']),
  S('plain', 'Customers who have never returned anything', where(neverReturned()), ['returns', 'purchase']),
  S('long', 'For the coupon ROI review, pull customers who used at least one coupon this year and whose total spend this year is over $300 — I want to see whether our coupon users are also our big baskets.', where(bought({ order: COUPON, w: THIS_YEAR }), spendGt(300, THIS_YEAR)), ['coupon', 'spend']),
  S('plain', 'Customers who used a coupon on an order with baby products in the last 6 months', where(bought({ item: dept('Baby'), order: COUPON, w: months(6) })), ['coupon', 'department', 'purchase']),
  S('long', "Full-price shoppers for the margin team: customers who bought something in the last 90 days, but didn't use a single coupon on any of their orders in that same 90 days.",
    where(bought({ w: days(90) }), notBought({ order: COUPON, w: days(90) })), ['purchase', 'coupon']),
  S('chatty', 'who literally only buys with a coupon? like a coupon on every single order they have placed', where(bought({ having: 'bool_and(o.coupon_used)' })), ['coupon', 'purchase']),
  S('terse', '2+ returns ytd', where(returned({ w: THIS_YEAR, having: 'count(*) > 1' })), ['returns', 'order_count']),
  S('chatty', 'hey, who has returned a jewelry item? loss-prevention asked', where(inQ(orders({ status: 'returned', item: dept('Jewelry') }))), ['returns', 'department', 'purchase']),
  S('terse', 'FL coupon users 60d', where(state('FL'), bought({ order: COUPON, w: days(60) })), ['state', 'coupon', 'purchase']),
  S('plain', 'Used a coupon on an order that included an Acme Select item', where(bought({ item: PRIVATE, order: COUPON })), ['coupon', 'private_label', 'purchase']),
  S('plain', 'Customers who used a coupon and who have also returned something', where(bought({ order: COUPON }), returned()), ['coupon', 'returns', 'purchase']),
  S('plain', 'Customers who returned an order and still bought again after that return',
    where(`customer_id IN (SELECT r.customer_id FROM orders r JOIN orders o ON o.customer_id = r.customer_id AND o.status = 'completed' AND o.order_ts > r.order_ts WHERE r.status = 'returned')`), ['returns', 'purchase']),
  S('plain', 'Customers whose first order used a coupon',
    where(`customer_id IN (SELECT customer_id FROM (SELECT o.customer_id, o.coupon_used, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.order_ts, o.order_id) AS rn FROM orders o WHERE o.status = 'completed') WHERE rn = 1 AND coupon_used)`), ['coupon']),
  S('number_words', 'used a coupon at least three times in the past six months', where(ordersGte(3, months(6), COUPON)), ['coupon', 'order_count']),
  S('typo', 'cupon users last 30 dys', where(bought({ order: COUPON, w: days(30) })), ['coupon', 'purchase']),
  S('long', 'Margin review: customers who have received more than $100 in total discounts over their lifetime with us (sum of discount amounts on completed orders). We want to understand how dependent they are on promotions.', where(bought({ having: 'sum(o.discount_amount) > 100' })), ['coupon']),
  S('plain', 'Returned apparel in the past 90 days', where(inQ(orders({ status: 'returned', item: dept('Apparel'), w: days(90) }))), ['returns', 'department', 'purchase']),
  S('terse', 'no returns, 5+ orders', where(neverReturned(), ordersGte(5)), ['returns', 'order_count']),
  S('chatty', "Hey, need the folks who sent something back in the last 60 days and haven't bought anything since — want to send a 'we're sorry' note",
    where(`customer_id IN (SELECT r.customer_id FROM orders r WHERE r.status = 'returned' AND r.order_ts::DATE BETWEEN ${D} - INTERVAL 60 DAY AND ${D} AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = r.customer_id AND o.status = 'completed' AND o.order_ts > r.order_ts))`),
    ['returns', 'purchase']),
  S('plain', 'Customers who bought in 2025 with a coupon but have not used one in 2026', where(bought({ order: COUPON, w: inYear(2025) }), notBought({ order: COUPON, w: { since: '2026-01-01' } })), ['coupon', 'purchase']),
  S('terse', 'coupon + returned, ytd', where(bought({ order: COUPON, w: THIS_YEAR }), returned({ w: THIS_YEAR })), ['coupon', 'returns', 'purchase']),
  S('long', 'Clean-record shoppers for a no-receipt-returns perk: anyone with at least one completed purchase in the last year and zero returned orders over that same year. Loyalty tier is irrelevant.', where(bought({ w: { years: 1 } }), neverReturned({ w: { years: 1 } })), ['purchase', 'returns']),
];
void and;
