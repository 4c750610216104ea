import { retailDdl, type RunnableDialect } from '@smartseg/warehouse';

/**
 * A tiny, hand-made reference-retail warehouse for the compiler's integration tests. Every row
 * was picked to sit on an edge of a business meaning of spec section 2 (month-end windows,
 * NULL birth dates, never-buyers, returned / cancelled / future orders, leap-day births, the
 * 90/91 and 365/366 day recency boundaries, a zero-total order, events after the as-of date).
 * The expected customers of each case in compiler-cases.ts are reasoned from these rows by
 * hand, not produced by the compiler.
 */

/** The main as-of date: a 31st, so "last 1 month" starts on 28 February. */
export const FIXTURE_AS_OF = '2026-03-31';

type V = string | number | boolean | null;

interface CustomerRow {
  id: number;
  birth: string | null;
  gender?: string | null;
  city?: string | null;
  state?: string | null;
  region?: string | null;
  signup?: string | null;
  tier?: string | null;
  points?: number | null;
  email?: boolean | null;
  sms?: boolean | null;
  push?: boolean | null;
  household?: number | null;
  children?: boolean | null;
  device?: string | null;
  lastName?: string;
}

// Defaults: a woman in Austin TX who signed up on the web on 2024-01-15, no loyalty tier, 100
// points, email opt-in only, household of 2 without children, iOS.
export const FIXTURE_CUSTOMERS: CustomerRow[] = [
  { id: 1, birth: '1996-03-31', gender: 'male', tier: 'gold', points: 1200, push: true, household: 4, children: true },
  {
    id: 2,
    birth: '2008-03-31',
    state: 'CA',
    city: 'Los Angeles',
    region: 'west',
    tier: 'platinum',
    points: 5000,
    push: true,
    device: 'none',
    signup: '2025-03-31',
  },
  { id: 3, birth: '2008-04-01', push: true, device: null },
  {
    id: 4,
    birth: null,
    state: 'NY',
    city: 'New York',
    region: 'northeast',
    email: null,
    signup: null,
    lastName: "O'Brien",
  },
  { id: 5, birth: '2008-02-29', state: 'FL', city: 'Miami', region: 'southeast' },
  { id: 6, birth: '1980-07-04' },
  { id: 7, birth: '1975-01-10', gender: 'male', state: 'IL', city: 'Chicago', region: 'midwest', email: false },
  { id: 8, birth: '1985-12-31', state: 'WA', city: 'Seattle', region: 'west', household: 5, children: true },
  { id: 9, birth: '1990-12-25', gender: 'unknown' },
  { id: 10, birth: '1970-05-05', state: 'GA', city: 'Atlanta', region: 'southeast' },
  { id: 11, birth: '1965-08-20', email: false },
  {
    id: 12,
    birth: '2000-10-10',
    points: 0,
    push: true,
    device: 'android',
    household: 3,
    children: true,
    signup: '2026-02-20',
  },
  { id: 13, birth: '1992-02-02' },
  { id: 14, birth: '1988-04-10' },
  {
    id: 15,
    birth: '1960-09-09',
    gender: 'nonbinary',
    state: 'CA',
    city: 'San Francisco',
    region: 'west',
    tier: 'silver',
    points: 3000,
  },
  { id: 16, birth: '1999-11-11' },
  { id: 17, birth: '1995-07-15', state: 'OH', city: 'Columbus', region: 'midwest' },
  { id: 18, birth: '1991-03-31' },
  { id: 19, birth: '1991-04-01' },
  { id: 20, birth: '2001-04-01' },
  { id: 21, birth: '2001-03-31' },
  { id: 22, birth: '1990-01-02' },
  { id: 23, birth: '1985-12-25' },
  { id: 24, birth: '1993-06-30', state: null, city: null, region: null, gender: null, tier: 'gold', points: null },
  { id: 25, birth: '1964-02-29' },
  { id: 26, birth: '1983-03-15' },
  { id: 27, birth: '1979-10-31' },
  { id: 28, birth: '1997-01-01' },
  { id: 29, birth: '1986-11-29', state: 'NY', city: 'Brooklyn', region: 'northeast' },
  { id: 30, birth: '1950-03-01', email: false, push: true, device: 'android', signup: '2020-06-01' },
];

/** [product_id, name, department, category, brand, unit_price, is_private_label, is_organic] */
export const FIXTURE_PRODUCTS: [number, string, string, string, string, number, boolean, boolean][] = [
  [1, 'Pampers Diapers 60ct', 'Baby', 'Diapers', 'Pampers', 20, false, false],
  [2, 'Gerber Organic Puree', 'Baby', 'Baby Food', 'Gerber', 5, false, true],
  [3, 'Acme Select Organic Bananas', 'Grocery', 'Fresh Produce', 'Acme Select', 3, true, true],
  [4, 'Samsung 65in TV', 'Electronics', 'TVs', 'Samsung', 500, false, false],
  [5, 'Sony Headphones', 'Electronics', 'Headphones', 'Sony', 100, false, false],
  [6, 'Acme Select Cleaner', 'Home', 'Cleaning Supplies', 'Acme Select', 10, true, false],
  [7, 'Purina Dog Food', 'Pets', 'Dog Food', 'Purina', 30, false, false],
  [8, "L'Oreal Serum", 'Beauty', 'Skincare', "L'Oreal", 15, false, false],
];

interface OrderRow {
  id: number;
  customer: number;
  ts: string;
  channel: 'store' | 'web' | 'app';
  fulfillment: 'in_store' | 'pickup' | 'delivery' | 'ship';
  store: number | null;
  total: number;
  coupon: boolean;
  payment: string;
  status: 'completed' | 'returned' | 'cancelled';
  /** [product_id, quantity, unit_price, line_amount] */
  items: [number, number, number, number][];
}

const o = (
  id: number,
  customer: number,
  ts: string,
  channel: OrderRow['channel'],
  fulfillment: OrderRow['fulfillment'],
  store: number | null,
  total: number,
  coupon: boolean,
  payment: string,
  status: OrderRow['status'],
  items: OrderRow['items'],
): OrderRow => ({ id, customer, ts, channel, fulfillment, store, total, coupon, payment, status, items });

export const FIXTURE_ORDERS: OrderRow[] = [
  o(100, 1, '2025-06-10 10:00:00', 'store', 'in_store', 2, 30, false, 'cash', 'completed', [[7, 1, 30, 30]]),
  o(101, 1, '2026-03-30 18:30:00', 'web', 'delivery', null, 45, false, 'credit_card', 'completed', [
    [1, 2, 20, 40],
    [2, 1, 5, 5],
  ]),
  o(200, 2, '2026-02-28 23:59:59', 'app', 'pickup', 2, 520, true, 'paypal', 'completed', [
    [4, 1, 500, 500],
    [6, 2, 10, 20],
  ]),
  o(300, 3, '2026-02-27 00:00:01', 'web', 'ship', null, 100, false, 'credit_card', 'completed', [[5, 1, 100, 100]]),
  o(500, 5, '2025-12-15 12:00:00', 'store', 'in_store', 1, 60, true, 'cash', 'completed', [
    [8, 2, 15, 30],
    [3, 10, 3, 30],
  ]),
  o(600, 6, '2026-03-10 09:00:00', 'web', 'ship', null, 80, false, 'credit_card', 'returned', [
    [7, 2, 30, 60],
    [6, 2, 10, 20],
  ]),
  o(700, 7, '2024-11-20 15:00:00', 'store', 'in_store', 1, 200, false, 'credit_card', 'completed', [[5, 2, 100, 200]]),
  o(800, 8, '2025-12-30 20:00:00', 'web', 'delivery', null, 150, false, 'credit_card', 'completed', [
    [1, 5, 20, 100],
    [2, 10, 5, 50],
  ]),
  o(801, 8, '2025-11-15 08:00:00', 'app', 'ship', null, 40, true, 'paypal', 'completed', [[6, 4, 10, 40]]),
  o(900, 9, '2025-12-31 23:00:00', 'store', 'pickup', 2, 75, false, 'ebt', 'completed', [
    [7, 2, 30, 60],
    [3, 5, 3, 15],
  ]),
  o(1000, 10, '2025-03-31 00:00:00', 'web', 'ship', null, 25, false, 'credit_card', 'completed', [
    [8, 1, 15, 15],
    [6, 1, 10, 10],
  ]),
  o(1100, 11, '2025-03-30 23:59:00', 'web', 'ship', null, 10, false, 'debit_card', 'completed', [[6, 1, 10, 10]]),
  o(1200, 12, '2026-03-01 00:00:00', 'app', 'delivery', null, 12, true, 'credit_card', 'completed', [[3, 4, 3, 12]]),
  o(1201, 12, '2026-03-20 12:00:00', 'app', 'delivery', null, 8, false, 'gift_card', 'completed', [
    [3, 1, 3, 3],
    [2, 1, 5, 5],
  ]),
  o(1300, 13, '2026-02-28 10:00:00', 'store', 'in_store', 1, 33, false, 'debit_card', 'completed', [[3, 11, 3, 33]]),
  o(1400, 14, '2026-04-05 10:00:00', 'web', 'ship', null, 99, false, 'credit_card', 'completed', [
    [7, 3, 30, 90],
    [3, 3, 3, 9],
  ]),
  o(1500, 15, '2025-11-25 10:00:00', 'web', 'ship', null, 1000, false, 'credit_card', 'completed', [[4, 2, 500, 1000]]),
  o(1501, 15, '2025-12-20 10:00:00', 'store', 'in_store', 1, 600, false, 'credit_card', 'completed', [
    [4, 1, 500, 500],
    [5, 1, 100, 100],
  ]),
  o(1502, 15, '2026-01-10 10:00:00', 'web', 'delivery', null, 50, true, 'paypal', 'completed', [
    [7, 1, 30, 30],
    [6, 2, 10, 20],
  ]),
  o(1600, 16, '2026-03-15 10:00:00', 'web', 'ship', null, 70, false, 'credit_card', 'cancelled', [
    [7, 1, 30, 30],
    [6, 4, 10, 40],
  ]),
  o(1700, 17, '2026-01-20 10:00:00', 'web', 'ship', null, 9, false, 'credit_card', 'completed', [[3, 3, 3, 9]]),
  o(1701, 17, '2026-03-05 10:00:00', 'app', 'pickup', 2, 6, false, 'credit_card', 'completed', [[3, 2, 3, 6]]),
  o(2600, 26, '2026-03-15 10:00:00', 'web', 'ship', null, 530, false, 'credit_card', 'completed', [
    [1, 1, 20, 20],
    [4, 1, 500, 500],
  ]),
  o(2700, 27, '2026-03-05 10:00:00', 'web', 'ship', null, 10, false, 'credit_card', 'completed', [[6, 1, 10, 10]]),
  o(2701, 27, '2026-03-10 10:00:00', 'web', 'ship', null, 10, false, 'credit_card', 'completed', [[6, 1, 10, 10]]),
  o(2702, 27, '2026-03-25 10:00:00', 'app', 'ship', null, 10, false, 'credit_card', 'completed', [[6, 1, 10, 10]]),
  o(2703, 27, '2026-03-26 10:00:00', 'web', 'ship', null, 10, false, 'credit_card', 'returned', [[6, 1, 10, 10]]),
  o(2800, 28, '2026-03-12 10:00:00', 'store', 'in_store', 1, 0, true, 'gift_card', 'completed', [[3, 1, 0, 0]]),
  o(2900, 29, '2025-11-10 10:00:00', 'web', 'ship', null, 300, false, 'credit_card', 'completed', [[5, 3, 100, 300]]),
  o(2901, 29, '2025-11-12 10:00:00', 'web', 'ship', null, 120, false, 'paypal', 'completed', [[8, 8, 15, 120]]),
];

/** [event_id, customer_id, event_type, event_ts, product_id] */
export const FIXTURE_EVENTS: [number, number, string, string, number | null][] = [
  [1, 4, 'email_open', '2026-03-01 10:00:00', null],
  [2, 1, 'email_click', '2026-01-01 08:00:00', null],
  [3, 2, 'email_open', '2025-12-31 23:30:00', null],
  [4, 3, 'email_open', '2025-12-30 12:00:00', null],
  [5, 5, 'email_sent', '2026-03-30 09:00:00', null],
  [6, 9, 'product_view', '2026-03-20 10:00:00', 4],
  [7, 9, 'product_view', '2026-03-21 10:00:00', 4],
  [8, 9, 'product_view', '2026-03-22 10:00:00', 5],
  [9, 12, 'product_view', '2026-03-25 10:00:00', 1],
  [10, 12, 'add_to_cart', '2026-03-25 10:05:00', 1],
  [11, 12, 'cart_abandon', '2026-03-26 10:00:00', 1],
  [12, 15, 'web_visit', '2026-03-10 10:00:00', null],
  [13, 15, 'web_visit', '2026-03-11 10:00:00', null],
  [14, 24, 'app_open', '2026-04-02 10:00:00', null],
  [15, 7, 'email_open', '2026-04-01 10:00:00', null],
  [16, 13, 'product_view', '2026-02-01 10:00:00', 8],
  [17, 18, 'search', '2026-03-31 21:00:00', null],
  [18, 20, 'review', '2025-06-01 10:00:00', 5],
  [19, 10, 'unsubscribe', '2025-05-01 10:00:00', null],
  [20, 21, 'push_open', '2026-03-29 10:00:00', null],
  [21, 21, 'sms_click', '2026-03-29 11:00:00', null],
  [22, 15, 'web_visit', '2026-02-01 10:00:00', null],
];

/** [customer_id, model_name, score, decile] */
export const FIXTURE_SCORES: [number, string, number, number][] = [
  [1, 'churn_risk', 0.05, 1],
  [2, 'churn_risk', 0.15, 2],
  [3, 'churn_risk', 0.25, 3],
  [5, 'churn_risk', 0.35, 4],
  [7, 'churn_risk', 0.45, 5],
  [8, 'churn_risk', 0.55, 6],
  [9, 'churn_risk', 0.65, 7],
  [10, 'churn_risk', 0.75, 8],
  [11, 'churn_risk', 0.85, 9],
  [15, 'churn_risk', 0.95, 10],
  [15, 'predicted_clv_12m', 2500, 10],
  [1, 'predicted_clv_12m', 300, 6],
  [2, 'predicted_clv_12m', 900, 9],
  [12, 'predicted_clv_12m', 50, 2],
  [24, 'predicted_clv_12m', 2600, 10],
];

export const ALL_CUSTOMER_IDS: number[] = FIXTURE_CUSTOMERS.map((c) => c.id);

function lit(v: V): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  return `'${v.replace(/'/g, "''")}'`;
}

const row = (values: V[]) => `(${values.map(lit).join(', ')})`;
const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

/** INSERT statements for the fixture (test data, literal values; works in DuckDB and PostgreSQL). */
export function fixtureInserts(): string {
  const customers = FIXTURE_CUSTOMERS.map((c) =>
    row([
      c.id,
      `First${c.id}`,
      c.lastName ?? `Last${c.id}`,
      `customer${c.id}@example.com`,
      `555-01${String(c.id).padStart(2, '0')}`,
      c.birth,
      pick(c.gender, 'female'),
      pick(c.city, 'Austin'),
      pick(c.state, 'TX'),
      '78701',
      pick(c.region, 'southwest'),
      pick(c.signup, '2024-01-15'),
      'web',
      pick(c.tier, 'none'),
      pick(c.points, 100),
      pick(c.email, true),
      pick(c.sms, false),
      pick(c.push, false),
      pick(c.household, 2),
      pick(c.children, false),
      '50k_100k',
      pick(c.device, 'ios'),
      2,
      false,
    ]),
  );
  const stores = [
    row([1, 'Store 1', 'New York', 'NY', 'northeast', 'supercenter']),
    row([2, 'Store 2', 'Austin', 'TX', 'southwest', 'neighborhood']),
    row([99, 'Online', 'Austin', 'TX', 'southwest', 'online']),
  ];
  const products = FIXTURE_PRODUCTS.map((p) => row(p));
  const orders = FIXTURE_ORDERS.map((x) =>
    row([x.id, x.customer, x.store, x.ts, x.channel, x.fulfillment, x.total, 0, x.coupon, x.payment, x.status]),
  );
  const items = FIXTURE_ORDERS.flatMap((x) => x.items.map(([p, q, u, l]) => row([x.id, p, q, u, l])));
  const events = FIXTURE_EVENTS.map(([id, c, t, ts, p]) => row([id, c, t, ts, p, null]));
  const scores = FIXTURE_SCORES.map(([c, m, s, d]) => row([c, m, s, d, FIXTURE_AS_OF]));
  return [
    `INSERT INTO customers VALUES ${customers.join(',\n')};`,
    `INSERT INTO stores VALUES ${stores.join(',\n')};`,
    `INSERT INTO products VALUES ${products.join(',\n')};`,
    `INSERT INTO orders VALUES ${orders.join(',\n')};`,
    `INSERT INTO order_items VALUES ${items.join(',\n')};`,
    `INSERT INTO events VALUES ${events.join(',\n')};`,
    `INSERT INTO model_scores VALUES ${scores.join(',\n')};`,
  ].join('\n');
}

/** DDL and data of the fixture for a dialect. */
export function fixtureScript(dialect: RunnableDialect): string {
  return `${retailDdl(dialect)}\n${fixtureInserts()}`;
}
