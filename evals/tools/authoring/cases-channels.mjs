import {
  S, where, bought, notBought, ordersGte, dept, cat, ONLINE, INSTORE, INAPP, WEB, PICKUP, DELIVERY, SHIP, pay, and, or,
  days, weeks, months, THIS_YEAR, inYear, state, D,
} from './lib.mjs';

export const category = 'channels_fulfillment';
export const prefix = 'chan';

export const cases = [
  S('plain', 'Customers who bought online in the last 30 days', where(bought({ order: ONLINE, w: days(30) })), ['purchase', 'channel']),
  S('chatty', 'Can I see the in-store-only shoppers? Bought in a store, never online', where(bought({ order: INSTORE }), notBought({ order: ONLINE })), ['purchase', 'channel']),
  S('terse', 'app purchasers ytd', where(bought({ order: INAPP, w: THIS_YEAR })), ['purchase', 'channel']),
  S('number_words', 'used curbside pickup in the last sixty days', where(bought({ order: PICKUP, w: days(60) })), ['fulfillment', 'purchase']),
  S('chatty', 'who had an order delivered to them in the past 3 months? delivery survey', where(bought({ order: DELIVERY, w: months(3) })), ['fulfillment', 'purchase']),
  S('terse', 'ship-to-home customers', where(bought({ order: SHIP })), ['fulfillment', 'purchase']),
  S('plain', 'Omnichannel shoppers who bought both in store and online in the last 6 months', where(bought({ order: INSTORE, w: months(6) }), bought({ order: ONLINE, w: months(6) })), ['purchase', 'channel']),
  S('terse', 'EBT payers', where(bought({ order: pay('ebt') })), ['payment_method', 'purchase']),
  S('terse', 'paypal ytd', where(bought({ order: pay('paypal'), w: THIS_YEAR })), ['payment_method', 'purchase']),
  S('plain', 'Paid cash in a store during 2025', where(bought({ order: and(pay('cash'), INSTORE), w: inYear(2025) })), ['payment_method', 'channel', 'purchase']),
  S('typo', 'custmers who paid with a gift crad', where(bought({ order: pay('gift_card') })), ['payment_method', 'purchase']),
  S('plain', 'Bought on the website (not the app) in the past 2 weeks', where(bought({ order: WEB, w: weeks(2) })), ['purchase', 'channel']),
  S('plain', 'Web shoppers who have never used pickup', where(bought({ order: WEB }), notBought({ order: PICKUP })), ['channel', 'fulfillment', 'purchase']),
  S('chatty', "Who's never shopped with us online? Even people who never bought at all are fine", where(notBought({ order: ONLINE })), ['purchase', 'channel']),
  S('plain', 'Shoppers who have used the app to buy but have never bought in a store', where(bought({ order: INAPP }), notBought({ order: INSTORE })), ['purchase', 'channel']),
  S('plain', 'Ordered groceries for delivery in the past month', where(bought({ item: dept('Grocery'), order: DELIVERY, w: months(1) })), ['purchase', 'department', 'fulfillment']),
  S('long', 'Buy-online-pick-up-in-store check for electronics: customers who ordered electronics online (web or app) and picked that same order up in a store. Any time in the history is fine.', where(bought({ item: dept('Electronics'), order: and(ONLINE, PICKUP) })), ['purchase', 'department', 'channel', 'fulfillment']),
  S('terse', '3+ pickup orders', where(ordersGte(3, null, PICKUP)), ['fulfillment', 'order_count']),
  S('terse', 'debit card payers 90d', where(bought({ order: pay('debit_card'), w: days(90) })), ['payment_method', 'purchase']),
  S('long', 'We are sizing the digital-first segment: customers for whom more than half of all their completed orders were placed online (web or app). Customers with no orders should not be in it.',
    where(bought({ having: "count(*) FILTER (WHERE o.channel IN ('web', 'app')) > count(*) / 2.0" })), ['channel', 'order_count']),
  S('typo', 'custmers who used curbisde pickup this yr', where(bought({ order: PICKUP, w: THIS_YEAR })), ['fulfillment', 'purchase']),
  S('number_words', 'made two or more app orders in the last sixty days', where(ordersGte(2, days(60), INAPP)), ['channel', 'order_count']),
  S('terse', 'TX store shoppers', where(state('TX'), bought({ order: INSTORE })), ['state', 'purchase', 'channel']),
  S('chatty', 'quick one: California customers who got a home delivery this year?', where(state('CA'), bought({ order: DELIVERY, w: THIS_YEAR })), ['state', 'fulfillment', 'purchase']),
  S('chatty', "Can you pull people who ordered in the app and picked up in store at least once this year? Want to promo our new pickup lockers", where(bought({ order: and(INAPP, PICKUP), w: THIS_YEAR })), ['channel', 'fulfillment', 'purchase']),
  S('plain', 'Customers with 2 or more shipped orders this year', where(ordersGte(2, THIS_YEAR, SHIP)), ['fulfillment', 'order_count']),
  S('long', "We're retiring the old checkout on the website, so I need everyone whose completed orders in the last 90 days were all on the website: at least one web order in that window and no store or app orders in it.",
    where(bought({ order: WEB, w: days(90) }), notBought({ order: `o.channel IN ('store', 'app')`, w: days(90) })), ['channel', 'purchase']),
  S('plain', 'Customers who shopped in a store in the past 30 days but have not shopped online in the past 30 days', where(bought({ order: INSTORE, w: days(30) }), notBought({ order: ONLINE, w: days(30) })), ['channel', 'purchase']),
  S('plain', 'Shoppers who paid with EBT for Fresh Produce in the last 3 months', where(bought({ item: cat('Fresh Produce'), order: pay('ebt'), w: months(3) })), ['payment_method', 'category', 'purchase']),
  S('terse', 'credit card, online, 30d', where(bought({ order: and(pay('credit_card'), ONLINE), w: days(30) })), ['payment_method', 'channel', 'purchase']),
];
void or; void D;
