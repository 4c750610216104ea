/**
 * The 730-day history calendar of the generator: day 0 is as_of - 729, day 729 is as_of.
 * Each day has a shopping weight (month, weekday, holidays, slow growth); orders are drawn
 * by inverting the cumulative weight, so November-December carry the peak.
 */

export const HISTORY_DAYS = 730;
export const DAY_MICROS = 86_400_000_000n;
/** Resolution of the inverse-CDF lookup (buckets of equal shopping weight). */
export const DAY_BUCKETS = 16_384;

/** Relative shopping volume by month (Jan..Dec). */
const MONTH_WEIGHT = [0.85, 0.82, 0.92, 0.94, 0.98, 0.96, 0.97, 1.03, 0.92, 0.96, 1.3, 1.55];
/** Relative shopping volume by weekday (Sun..Sat). */
const WEEKDAY_WEIGHT = [1.08, 0.92, 0.9, 0.93, 0.97, 1.08, 1.18];

export interface RetailCalendar {
  asOf: string;
  /** Microseconds since the epoch of day 0, 00:00 (TIMESTAMP is UTC wall-clock). */
  baseMicros: bigint;
  /** Microseconds since the epoch of the end of as_of (exclusive). */
  endMicros: bigint;
  /** Per day: the normalized cumulative weight before the day and after it. */
  cumBefore: number[];
  cumAfter: number[];
  /** Per day: its month, 1-12. */
  month: number[];
  /** Per bucket: the day whose cumulative weight covers the bucket's middle. */
  bucketDay: number[];
}

const DAY_MS = 86_400_000;

/** Parses YYYY-MM-DD strictly (a real calendar date) and returns its UTC midnight in ms. */
export function parseIsoDate(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  return back === value ? ms : null;
}

/** The day after the fourth Thursday of November of a year (Black Friday), UTC ms. */
function blackFriday(year: number): number {
  const nov1 = Date.UTC(year, 10, 1);
  const dow = new Date(nov1).getUTCDay();
  const firstThu = 1 + ((4 - dow + 7) % 7);
  return Date.UTC(year, 10, firstThu + 21 + 1);
}

function dayWeight(ms: number, d: number): number {
  const dt = new Date(ms);
  const month = dt.getUTCMonth();
  const dom = dt.getUTCDate();
  let w = (MONTH_WEIGHT[month] ?? 1) * (WEEKDAY_WEIGHT[dt.getUTCDay()] ?? 1);
  const bf = blackFriday(dt.getUTCFullYear());
  if (ms === bf - DAY_MS) w *= 0.45; // Thanksgiving
  else if (ms === bf) w *= 2.6;
  else if (ms === bf + DAY_MS || ms === bf + 2 * DAY_MS) w *= 1.4;
  else if (ms === bf + 3 * DAY_MS) w *= 1.7; // Cyber Monday
  if (month === 11 && dom >= 10 && dom <= 23) w *= 1.2;
  if (month === 11 && dom === 24) w *= 0.8;
  if (month === 11 && dom === 25) w *= 0.15;
  if (month === 0 && dom === 1) w *= 0.5;
  if (month === 6 && dom === 4) w *= 0.7;
  return w * (1 + (0.08 * d) / (HISTORY_DAYS - 1));
}

export function buildRetailCalendar(asOf: string): RetailCalendar {
  const end = parseIsoDate(asOf);
  if (end === null) throw new Error(`as-of date must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  const day0 = end - (HISTORY_DAYS - 1) * DAY_MS;
  const weights: number[] = [];
  const month: number[] = [];
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const ms = day0 + d * DAY_MS;
    weights.push(dayWeight(ms, d));
    month.push(new Date(ms).getUTCMonth() + 1);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const cumBefore: number[] = [];
  const cumAfter: number[] = [];
  let acc = 0;
  for (const w of weights) {
    cumBefore.push(acc / total);
    acc += w;
    cumAfter.push(acc / total);
  }
  cumAfter[HISTORY_DAYS - 1] = 1;
  const bucketDay: number[] = [];
  let d = 0;
  for (let b = 0; b < DAY_BUCKETS; b++) {
    const target = (b + 0.5) / DAY_BUCKETS;
    while (d < HISTORY_DAYS - 1 && (cumAfter[d] ?? 1) < target) d++;
    bucketDay.push(d);
  }
  return {
    asOf,
    baseMicros: BigInt(day0) * 1000n,
    endMicros: BigInt(end + DAY_MS) * 1000n,
    cumBefore,
    cumAfter,
    month,
    bucketDay,
  };
}
