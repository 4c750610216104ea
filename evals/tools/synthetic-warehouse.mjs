// A rough synthetic stand-in for the demo warehouse (spec section 1), used only by validate-cases.mjs
// --synthetic to see whether gold sets are empty / the whole population before the real generator
// exists. It uses the exact taxonomy, states, regions, cities, event types and model names of the spec;
// distributions are plausible guesses, not the generator's. Never use it to judge the product.

export const TAXONOMY = {
  Electronics: { cats: ['TVs', 'Laptops', 'Tablets', 'Smartphones', 'Headphones', 'Cameras', 'Video Games', 'Smart Home', 'Wearables'], brands: ['Samsung', 'Apple', 'Sony', 'LG', 'HP', 'Dell', 'Lenovo', 'Bose', 'Nintendo', 'Microsoft', 'Canon', 'Google'], price: 100, weight: 6 },
  Grocery: { cats: ['Fresh Produce', 'Dairy & Eggs', 'Meat & Seafood', 'Bakery', 'Snacks', 'Beverages', 'Frozen Foods', 'Pantry', 'Coffee & Tea', 'Wine & Beer'], brands: ['Organic Valley', 'Chobani', 'Coca-Cola', 'Pepsi', 'Doritos', 'Starbucks', 'Tyson', "Kellogg's", "Ben & Jerry's", 'Barefoot'], price: 7, weight: 30 },
  Baby: { cats: ['Diapers', 'Baby Formula', 'Baby Food', 'Strollers & Car Seats', 'Nursery', 'Baby Clothing'], brands: ['Pampers', 'Huggies', 'Similac', 'Enfamil', 'Gerber', 'Graco', "Carter's"], price: 30, weight: 5 },
  Home: { cats: ['Furniture', 'Bedding', 'Kitchen & Dining', 'Home Decor', 'Appliances', 'Cleaning Supplies', 'Storage'], brands: ['KitchenAid', 'Cuisinart', 'Dyson', 'Keurig', 'Ninja', 'Tide', 'Clorox'], price: 60, weight: 8 },
  Apparel: { cats: ["Women's Clothing", "Men's Clothing", "Kids' Clothing", 'Shoes', 'Activewear', 'Accessories'], brands: ['Nike', 'Adidas', "Levi's", 'Under Armour', 'Hanes', 'Champion', 'Carhartt'], price: 35, weight: 9 },
  Beauty: { cats: ['Skincare', 'Makeup', 'Hair Care', 'Fragrance', 'Bath & Body'], brands: ["L'Oreal", 'Maybelline', 'Neutrogena', 'CeraVe', 'Olay', 'Dove', 'Pantene'], price: 15, weight: 7 },
  Pets: { cats: ['Dog Food', 'Cat Food', 'Pet Supplies', 'Pet Treats', 'Aquarium'], brands: ['Purina', 'Pedigree', 'Blue Buffalo', 'Friskies', "Hill's"], price: 25, weight: 5 },
  Toys: { cats: ['Building Sets', 'Dolls', 'Action Figures', 'Board Games', 'Outdoor Play'], brands: ['Lego', 'Mattel', 'Hasbro', 'Hot Wheels', 'Fisher-Price'], price: 30, weight: 4 },
  'Sports & Outdoors': { cats: ['Fitness Equipment', 'Camping', 'Cycling', 'Team Sports', 'Fishing'], brands: ['Coleman', 'Yeti', 'Schwinn', 'Wilson', 'Spalding'], price: 60, weight: 3 },
  'Health & Wellness': { cats: ['Vitamins & Supplements', 'Pharmacy', 'Personal Care', 'First Aid'], brands: ['Nature Made', 'Centrum', 'Tylenol', 'Advil', 'Band-Aid'], price: 12, weight: 6 },
  Automotive: { cats: ['Car Care', 'Tires', 'Auto Parts', 'Car Electronics'], brands: ['Michelin', 'Goodyear', 'Armor All', 'Bosch'], price: 60, weight: 2 },
  Garden: { cats: ['Plants & Seeds', 'Patio Furniture', 'Grills', 'Lawn Care'], brands: ['Scotts', 'Miracle-Gro', 'Weber', 'Char-Broil'], price: 50, weight: 2 },
  Office: { cats: ['School Supplies', 'Office Supplies', 'Printers & Ink'], brands: ['Crayola', 'Sharpie', 'Epson', 'Post-it'], price: 15, weight: 3 },
  'Books & Media': { cats: ['Books', 'Movies', 'Music'], brands: ['Penguin', 'Disney'], price: 15, weight: 3 },
  Jewelry: { cats: ['Rings', 'Necklaces', 'Watches', 'Earrings'], brands: ['Pandora', 'Fossil', 'Timex'], price: 80, weight: 1 },
};
const PRIVATE_LABEL_DEPTS = ['Grocery', 'Home', 'Baby', 'Pets', 'Health & Wellness', 'Office'];
const ORGANIC_CATS = ['Fresh Produce', 'Dairy & Eggs', 'Bakery', 'Pantry', 'Coffee & Tea', 'Snacks', 'Beverages', 'Baby Food'];

export const STATES = [
  ['ME', 'northeast', 1.4, ['Portland']], ['NH', 'northeast', 1.4, ['Manchester']], ['VT', 'northeast', 0.65, ['Burlington']],
  ['MA', 'northeast', 7.0, ['Boston']], ['RI', 'northeast', 1.1, ['Providence']], ['CT', 'northeast', 3.6, ['Hartford']],
  ['NY', 'northeast', 19.6, ['New York', 'Brooklyn', 'Buffalo']], ['NJ', 'northeast', 9.3, ['Newark']],
  ['PA', 'northeast', 13.0, ['Philadelphia', 'Pittsburgh']], ['DE', 'northeast', 1.0, ['Wilmington']],
  ['MD', 'northeast', 6.2, ['Baltimore']], ['DC', 'northeast', 0.7, ['Washington']],
  ['VA', 'southeast', 8.7, ['Richmond']], ['WV', 'southeast', 1.8, ['Charleston']], ['KY', 'southeast', 4.5, ['Louisville']],
  ['TN', 'southeast', 7.1, ['Nashville', 'Memphis']], ['NC', 'southeast', 10.8, ['Charlotte', 'Raleigh']],
  ['SC', 'southeast', 5.3, ['Columbia']], ['GA', 'southeast', 11.0, ['Atlanta']],
  ['FL', 'southeast', 22.6, ['Miami', 'Orlando', 'Tampa', 'Jacksonville']], ['AL', 'southeast', 5.1, ['Birmingham']],
  ['MS', 'southeast', 2.9, ['Jackson']], ['AR', 'southeast', 3.0, ['Little Rock']], ['LA', 'southeast', 4.6, ['New Orleans']],
  ['OH', 'midwest', 11.8, ['Columbus', 'Cleveland']], ['IN', 'midwest', 6.9, ['Indianapolis']], ['IL', 'midwest', 12.5, ['Chicago']],
  ['MI', 'midwest', 10.0, ['Detroit']], ['WI', 'midwest', 5.9, ['Milwaukee']], ['MN', 'midwest', 5.7, ['Minneapolis']],
  ['IA', 'midwest', 3.2, ['Des Moines']], ['MO', 'midwest', 6.2, ['Kansas City', 'St. Louis']], ['ND', 'midwest', 0.78, ['Fargo']],
  ['SD', 'midwest', 0.92, ['Sioux Falls']], ['NE', 'midwest', 2.0, ['Omaha']], ['KS', 'midwest', 2.9, ['Wichita']],
  ['TX', 'southwest', 30.5, ['Houston', 'Dallas', 'Austin', 'San Antonio']], ['OK', 'southwest', 4.0, ['Oklahoma City']],
  ['NM', 'southwest', 2.1, ['Albuquerque']], ['AZ', 'southwest', 7.4, ['Phoenix', 'Tucson']],
  ['CO', 'west', 5.9, ['Denver']], ['WY', 'west', 0.58, ['Cheyenne']], ['MT', 'west', 1.1, ['Billings']], ['ID', 'west', 1.96, ['Boise']],
  ['UT', 'west', 3.4, ['Salt Lake City']], ['NV', 'west', 3.2, ['Las Vegas']],
  ['CA', 'west', 39.0, ['Los Angeles', 'San Francisco', 'San Diego', 'San Jose', 'Sacramento']], ['OR', 'west', 4.2, ['Portland']],
  ['WA', 'west', 7.8, ['Seattle', 'Spokane']], ['AK', 'west', 0.73, ['Anchorage']], ['HI', 'west', 1.4, ['Honolulu']],
];
const STORE_CITIES = [
  ['New York', 'NY'], ['Brooklyn', 'NY'], ['Buffalo', 'NY'], ['Los Angeles', 'CA'], ['San Francisco', 'CA'], ['San Diego', 'CA'],
  ['San Jose', 'CA'], ['Sacramento', 'CA'], ['Chicago', 'IL'], ['Houston', 'TX'], ['Dallas', 'TX'], ['Austin', 'TX'],
  ['San Antonio', 'TX'], ['Phoenix', 'AZ'], ['Tucson', 'AZ'], ['Philadelphia', 'PA'], ['Pittsburgh', 'PA'], ['Seattle', 'WA'],
  ['Spokane', 'WA'], ['Portland', 'OR'], ['Denver', 'CO'], ['Boston', 'MA'], ['Miami', 'FL'], ['Orlando', 'FL'], ['Tampa', 'FL'],
  ['Jacksonville', 'FL'], ['Atlanta', 'GA'], ['Charlotte', 'NC'], ['Raleigh', 'NC'], ['Nashville', 'TN'], ['Memphis', 'TN'],
  ['Detroit', 'MI'], ['Minneapolis', 'MN'], ['Columbus', 'OH'], ['Cleveland', 'OH'], ['Indianapolis', 'IN'], ['Milwaukee', 'WI'],
  ['Kansas City', 'MO'], ['St. Louis', 'MO'], ['Las Vegas', 'NV'], ['Salt Lake City', 'UT'], ['Albuquerque', 'NM'],
  ['New Orleans', 'LA'], ['Baltimore', 'MD'], ['Washington', 'DC'], ['Richmond', 'VA'], ['Newark', 'NJ'], ['Omaha', 'NE'],
  ['Oklahoma City', 'OK'], ['Louisville', 'KY'], ['Birmingham', 'AL'], ['Honolulu', 'HI'], ['Anchorage', 'AK'], ['Boise', 'ID'],
];
export const EVENT_TYPES = [
  ['email_sent', 25], ['email_open', 10], ['email_click', 3], ['sms_sent', 6], ['sms_click', 1.5], ['push_sent', 6],
  ['push_open', 2], ['web_visit', 14], ['app_open', 12], ['product_view', 12], ['add_to_cart', 4], ['cart_abandon', 2],
  ['search', 6], ['review', 0.5], ['unsubscribe', 0.3],
];
export const MODELS = ['churn_risk', 'purchase_propensity_30d', 'predicted_clv_12m', 'discount_sensitivity', 'email_engagement'];

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** Populates the (already created, empty) spec tables with synthetic data. */
export async function buildSynthetic(run, { customers = 50000, asOf = '2026-06-30', seed = 0.42 } = {}) {
  const D = `DATE '${asOf}'`;
  await run(`SELECT setseed(${seed})`);
  // geography helper with cumulative weights
  await run(`CREATE TEMP TABLE _st (state VARCHAR, region VARCHAR, w DOUBLE, cities VARCHAR[])`);
  await run(`INSERT INTO _st VALUES ${STATES.map(([s, r, w, c]) => `(${q(s)}, ${q(r)}, ${w}, [${c.map(q).join(', ')}])`).join(', ')}`);
  await run(`CREATE TEMP TABLE _stc AS SELECT *, (sum(w) OVER (ORDER BY state) - w) / sum(w) OVER () AS lo FROM _st`);
  // stores
  await run(`INSERT INTO stores VALUES ${STORE_CITIES.map(([c, s], i) => `(${i + 1}, ${q(c + ' ' + (i % 3 === 0 ? 'Supercenter' : 'Market'))}, ${q(c)}, ${q(s)}, ${q(STATES.find((x) => x[0] === s)[1])}, ${q(i % 3 === 0 ? 'supercenter' : 'neighborhood')})`).join(', ')}, (${STORE_CITIES.length + 1}, 'Online', NULL, NULL, NULL, 'online')`);
  const nStores = STORE_CITIES.length;
  // products
  const prows = [];
  let pid = 0;
  for (const [dept, t] of Object.entries(TAXONOMY)) {
    for (const cat of t.cats) {
      const mult = ['TVs', 'Laptops', 'Smartphones', 'Cameras'].includes(cat) ? 8
        : ['Furniture', 'Appliances', 'Tires', 'Patio Furniture', 'Grills', 'Strollers & Car Seats', 'Watches', 'Rings', 'Tablets'].includes(cat) ? 3 : 1;
      const brands = [...t.brands, ...(PRIVATE_LABEL_DEPTS.includes(dept) ? ['Acme Select'] : [])];
      for (const brand of brands) {
        for (const organic of ORGANIC_CATS.includes(cat) ? [false, true] : [false]) {
          pid++;
          const price = Math.round(t.price * mult * (0.3 + ((pid * 7919) % 100) / 100) * 100) / 100;
          prows.push({ pid, dept, cat, brand, price, pl: brand === 'Acme Select', organic, w: t.weight });
        }
      }
    }
  }
  const deptCount = {};
  for (const p of prows) deptCount[p.dept] = (deptCount[p.dept] || 0) + 1;
  await run(`INSERT INTO products VALUES ${prows.map((p) => `(${p.pid}, ${q(`${p.brand} ${p.cat} ${p.pid}`)}, ${q(p.dept)}, ${q(p.cat)}, ${q(p.brand)}, ${p.price}, ${p.pl}, ${p.organic})`).join(', ')}`);
  await run(`CREATE TEMP TABLE _pw (product_id BIGINT, w DOUBLE)`);
  await run(`INSERT INTO _pw VALUES ${prows.map((p) => `(${p.pid}, ${p.w / deptCount[p.dept]})`).join(', ')}`);
  await run(`CREATE TEMP TABLE _pc AS SELECT product_id, (sum(w) OVER (ORDER BY product_id) - w) / sum(w) OVER () AS lo FROM _pw`);

  // customers
  await run(`CREATE TEMP TABLE _c0 AS SELECT range + 1 AS customer_id, random() r0, random() r1, random() r2, random() r3, random() r4,
    random() r5, random() r6, random() r7, random() r8, random() r9, random() r10, random() r11, random() r12, random() r13,
    random() r14, random() r15 FROM range(${customers})`);
  await run(`INSERT INTO customers
    SELECT c.customer_id, 'First' || c.customer_id, 'Last' || c.customer_id, 'c' || c.customer_id || '@example.com', '555-' || c.customer_id,
      CASE WHEN c.r1 < 0.05 THEN NULL ELSE (DATE '1940-01-01' + CAST(floor(c.r2 * 24500) AS INTEGER)) END,
      CASE WHEN c.r3 < 0.50 THEN 'female' WHEN c.r3 < 0.95 THEN 'male' WHEN c.r3 < 0.97 THEN 'nonbinary' ELSE 'unknown' END,
      s.cities[1 + CAST(floor(c.r4 * len(s.cities)) AS INTEGER)], s.state, lpad(CAST(floor(c.r5 * 99999) AS VARCHAR), 5, '0'), s.region,
      ${D} - CAST(floor(c.r6 * c.r6 * 1500) AS INTEGER),
      (['store', 'web', 'app', 'social', 'referral'])[1 + CAST(floor(c.r7 * 5) AS INTEGER)],
      CASE WHEN c.r8 < 0.5 THEN 'none' WHEN c.r8 < 0.75 THEN 'silver' WHEN c.r8 < 0.9 THEN 'gold' ELSE 'platinum' END,
      CASE WHEN c.r8 < 0.5 THEN CAST(floor(c.r9 * 300) AS INTEGER) ELSE CAST(floor(c.r9 * c.r8 * 8000) AS INTEGER) END,
      c.r10 < 0.65, c.r11 < 0.35, c.r12 < 0.4,
      1 + CAST(floor(c.r13 * c.r13 * 6) AS INTEGER), NULL,
      (['under_25k', '25k_50k', '50k_100k', '100k_150k', '150k_plus'])[1 + CAST(floor(c.r14 * 5) AS INTEGER)],
      CASE WHEN c.r15 < 0.45 THEN 'ios' WHEN c.r15 < 0.85 THEN 'android' ELSE 'none' END,
      1 + CAST(floor(c.r0 * ${nStores}) AS INTEGER), c.r0 < 0.01
    FROM _c0 c ASOF JOIN _stc s ON c.r0 >= s.lo`);
  await run(`UPDATE customers SET has_children = CASE WHEN household_size >= 3 THEN random() < 0.75 WHEN household_size = 2 THEN random() < 0.15 ELSE false END`);

  // orders: skewed counts, per-customer activity end (creates lapsed / churned customers)
  await run(`CREATE TEMP TABLE _cn AS SELECT customer_id, CAST(floor(pow(random(), 2) * 40) AS INTEGER) AS n,
      CAST(floor(pow(random(), 3) * 729) AS INTEGER) AS e FROM customers`);
  await run(`CREATE TEMP TABLE _o AS SELECT row_number() OVER () AS order_id, c.customer_id,
      (${D} - c.e - CAST(floor(random() * (730 - c.e)) AS INTEGER)) + to_seconds(CAST(floor(random() * 86399) AS BIGINT)) AS order_ts,
      random() AS rc, random() AS rf, random() AS rs, random() AS rp, random() AS rk, random() AS ri
    FROM _cn c, range(c.n) t(i)`);
  await run(`INSERT INTO orders SELECT o.order_id, o.customer_id,
      CASE WHEN o.rc < 0.55 THEN cu.preferred_store_id WHEN o.rf < 0.3 THEN 1 + CAST(floor(o.ri * ${nStores}) AS INTEGER) ELSE NULL END,
      o.order_ts,
      CASE WHEN o.rc < 0.55 THEN 'store' WHEN o.rc < 0.85 THEN 'web' ELSE 'app' END,
      CASE WHEN o.rc < 0.55 THEN 'in_store' WHEN o.rf < 0.3 THEN 'pickup' WHEN o.rf < 0.5 THEN 'delivery' ELSE 'ship' END,
      0, 0, o.rk < 0.2,
      CASE WHEN o.rp < 0.45 THEN 'credit_card' WHEN o.rp < 0.7 THEN 'debit_card' WHEN o.rp < 0.82 THEN 'cash' WHEN o.rp < 0.92 THEN 'paypal' WHEN o.rp < 0.97 THEN 'gift_card' ELSE 'ebt' END,
      CASE WHEN o.rs < 0.92 THEN 'completed' WHEN o.rs < 0.97 THEN 'returned' ELSE 'cancelled' END
    FROM _o o JOIN customers cu USING (customer_id)`);
  await run(`CREATE TEMP TABLE _ok AS SELECT order_id, 1 + CAST(floor(random() * 4) AS INTEGER) AS k FROM orders`);
  await run(`CREATE TEMP TABLE _oi AS SELECT o.order_id, random() AS rp, 1 + CAST(floor(pow(random(), 3) * 3) AS INTEGER) AS quantity
    FROM _ok o, range(o.k) t(i)`);
  await run(`INSERT INTO order_items SELECT i.order_id, pc.product_id, i.quantity, p.unit_price, p.unit_price * i.quantity
    FROM _oi i ASOF JOIN _pc pc ON i.rp >= pc.lo JOIN products p ON p.product_id = pc.product_id`);
  await run(`UPDATE orders SET total_amount = t.s * CASE WHEN orders.coupon_used THEN 0.9 ELSE 1 END,
      discount_amount = CASE WHEN orders.coupon_used THEN t.s * 0.1 ELSE 0 END
    FROM (SELECT order_id, sum(line_amount) AS s FROM order_items GROUP BY order_id) t WHERE t.order_id = orders.order_id`);

  // events
  const tot = EVENT_TYPES.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  const etRows = EVENT_TYPES.map(([t, w]) => { const lo = acc / tot; acc += w; return `(${q(t)}, ${lo})`; });
  await run(`CREATE TEMP TABLE _et (event_type VARCHAR, lo DOUBLE)`);
  await run(`INSERT INTO _et VALUES ${etRows.join(', ')}`);
  await run(`CREATE TEMP TABLE _e AS SELECT range + 1 AS event_id, 1 + CAST(floor(pow(random(), 1.3) * ${customers}) AS BIGINT) AS customer_id,
      random() AS rt, random() AS rp, ${D} - CAST(floor(random() * 730) AS INTEGER) + to_seconds(CAST(floor(random() * 86399) AS BIGINT)) AS event_ts
    FROM range(${customers * 60})`);
  await run(`INSERT INTO events SELECT e.event_id, e.customer_id, t.event_type, e.event_ts,
      CASE WHEN t.event_type IN ('product_view', 'add_to_cart', 'cart_abandon', 'review') THEN pc.product_id END,
      CASE WHEN t.event_type LIKE 'email%' OR t.event_type LIKE 'sms%' OR t.event_type LIKE 'push%' THEN 1 + CAST(floor(e.rp * 200) AS INTEGER) END
    FROM _e e ASOF JOIN _et t ON e.rt >= t.lo ASOF JOIN _pc pc ON e.rp >= pc.lo`);

  // model scores (churn_risk loosely rises with recency)
  await run(`CREATE TEMP TABLE _rec AS SELECT c.customer_id, coalesce(date_diff('day', max(o.order_ts)::DATE, ${D}), 730) AS rec
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id AND o.status = 'completed' GROUP BY c.customer_id`);
  await run(`CREATE TEMP TABLE _ms AS
    SELECT customer_id, 'churn_risk' AS model_name, least(1.0, greatest(0.0, rec / 800.0 + (random() - 0.5) * 0.4)) AS score FROM _rec
    UNION ALL SELECT customer_id, 'purchase_propensity_30d', random() * random() FROM customers
    UNION ALL SELECT customer_id, 'predicted_clv_12m', round(3000 * pow(random(), 3), 2) FROM customers
    UNION ALL SELECT customer_id, 'discount_sensitivity', random() FROM customers
    UNION ALL SELECT customer_id, 'email_engagement', CASE WHEN email_opt_in THEN random() ELSE random() * 0.3 END FROM customers`);
  await run(`INSERT INTO model_scores SELECT customer_id, model_name, score,
      CAST(ntile(10) OVER (PARTITION BY model_name ORDER BY score) AS INTEGER), ${D} FROM _ms`);
}
