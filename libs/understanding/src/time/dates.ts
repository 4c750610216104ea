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

/** The last given weekday (0 = Sunday) of a month: Memorial Day = lastWeekday(y, 5, 1). */
export function lastWeekday(y: number, m: number, weekday: number): string {
  const last = monthEnd(y, m);
  const wd = toDate(last).getUTCDay();
  return addDays(last, -((wd - weekday + 7) % 7));
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easter(y: number): string {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(y, month, day);
}

/** US retail calendar days by name; each gives the date in a year. */
export const NAMED_DAYS: readonly { names: string[]; date: (y: number) => string }[] = [
  { names: ['new year s day', 'new years day', 'new year day', 'new year s', 'new years'], date: (y) => iso(y, 1, 1) },
  { names: ['new year s eve', 'new years eve', 'nye'], date: (y) => iso(y, 12, 31) },
  { names: ['mlk day', 'martin luther king day', 'martin luther king jr day'], date: (y) => nthWeekday(y, 1, 1, 3) },
  { names: ['valentine day', 'valentines day', 'valentine', 'valentines', 'v day'], date: (y) => iso(y, 2, 14) },
  { names: ['presidents day', 'president day', 'presidents weekend'], date: (y) => nthWeekday(y, 2, 1, 3) },
  {
    names: ['st patrick day', 'saint patrick day', 'st patricks day', 'st paddy day', 'st patty day'],
    date: (y) => iso(y, 3, 17),
  },
  { names: ['easter sunday', 'easter'], date: easter },
  { names: ['cinco de mayo'], date: (y) => iso(y, 5, 5) },
  { names: ['mother day', 'mothers day'], date: (y) => nthWeekday(y, 5, 0, 2) },
  { names: ['memorial day'], date: (y) => lastWeekday(y, 5, 1) },
  { names: ['father day', 'fathers day'], date: (y) => nthWeekday(y, 6, 0, 3) },
  { names: ['juneteenth'], date: (y) => iso(y, 6, 19) },
  {
    names: [
      'independence day',
      'fourth of july',
      '4th of july',
      'july 4th',
      'july fourth',
      'the fourth of july',
      'the 4th',
    ],
    date: (y) => iso(y, 7, 4),
  },
  { names: ['labor day', 'labour day'], date: (y) => nthWeekday(y, 9, 1, 1) },
  { names: ['halloween'], date: (y) => iso(y, 10, 31) },
  { names: ['veterans day'], date: (y) => iso(y, 11, 11) },
  { names: ['thanksgiving day', 'thanksgiving'], date: (y) => nthWeekday(y, 11, 4, 4) },
  { names: ['black friday'], date: (y) => addDays(nthWeekday(y, 11, 4, 4), 1) },
  { names: ['small business saturday'], date: (y) => addDays(nthWeekday(y, 11, 4, 4), 2) },
  { names: ['cyber monday'], date: (y) => addDays(nthWeekday(y, 11, 4, 4), 4) },
  { names: ['giving tuesday'], date: (y) => addDays(nthWeekday(y, 11, 4, 4), 5) },
  { names: ['christmas eve', 'xmas eve'], date: (y) => iso(y, 12, 24) },
  { names: ['christmas day', 'xmas day', 'christmas', 'xmas'], date: (y) => iso(y, 12, 25) },
  { names: ['boxing day'], date: (y) => iso(y, 12, 26) },
];
