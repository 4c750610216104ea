/** Calendar helpers on ISO dates (YYYY-MM-DD), UTC, no wall clock. */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseIso(iso: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const { y, m, d } = parseIso(s);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function toDate(isoDate: string): Date {
  const { y, m, d } = parseIso(isoDate);
  return new Date(Date.UTC(y, m - 1, d));
}

export function fromDate(dt: Date): string {
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(isoDate: string, n: number): string {
  const dt = toDate(isoDate);
  dt.setUTCDate(dt.getUTCDate() + n);
  return fromDate(dt);
}

/** Calendar month arithmetic, clamped to the month's last day (Mar 31 - 1 month = Feb 28). */
export function addMonths(isoDate: string, n: number): string {
  const { y, m, d } = parseIso(isoDate);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

export function monthEnd(y: number, m: number): string {
  return iso(y, m, daysInMonth(y, m));
}

/** Monday of the ISO week holding the date. */
export function startOfWeek(isoDate: string): string {
  const dt = toDate(isoDate);
  const dow = (dt.getUTCDay() + 6) % 7;
  return addDays(isoDate, -dow);
}

/** The n-th weekday (0 = Sunday) of a month: thanksgiving = nthWeekday(y, 11, 4, 4). */
export function nthWeekday(y: number, m: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  return iso(y, m, day);
}
