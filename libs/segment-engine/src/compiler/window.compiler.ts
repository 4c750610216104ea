import type { Window } from '../model/segment.model';
import type { CompileContext } from './compile-context';
import { fieldPath, invalid, isoDate, lastDayOfMonth, requireInteger, requireIsoDate } from './compiler-validation';

/** Longest relative window accepted (in units): 1,000 years of days is far more than any warehouse holds. */
const MAX_UNITS = 365_000;

/** D - n units (calendar arithmetic for months and years, clamped to month end). */
function unitsBack(ctx: CompileContext, n: number, unit: unknown, path: string): string {
  const d = ctx.dialect;
  switch (unit) {
    case 'day':
      return d.subDays(ctx.asOf(), ctx.bindInt(n));
    case 'week':
      return d.subDays(ctx.asOf(), ctx.bindInt(7 * n));
    case 'month':
      return d.subMonths(ctx.asOf(), ctx.bindInt(n));
    case 'year':
      return d.subMonths(ctx.asOf(), ctx.bindInt(12 * n));
    default:
      return invalid(path, `unknown time unit ${JSON.stringify(unit)} (day, week, month or year)`);
  }
}

/**
 * The conditions that put `dateExpr` (a DATE) inside the window (segment model `Window`). The
 * upper bound D itself is not included: callers always bound facts by D (nothing after the
 * as-of date is known at D).
 */
export function windowConditions(dateExpr: string, window: Window, ctx: CompileContext, path: string): string[] {
  if (!window || typeof window !== 'object') invalid(path, 'expected a window');
  const w = window as Window;
  switch (w.type) {
    case 'last': {
      const n = requireInteger(w.n, fieldPath(path, 'n'), 0, MAX_UNITS);
      return [`${dateExpr} >= ${unitsBack(ctx, n, w.unit, fieldPath(path, 'unit'))}`];
    }
    case 'older_than': {
      const n = requireInteger(w.n, fieldPath(path, 'n'), 0, MAX_UNITS);
      return [`${dateExpr} < ${unitsBack(ctx, n, w.unit, fieldPath(path, 'unit'))}`];
    }
    case 'this': {
      if (w.unit !== 'month' && w.unit !== 'quarter' && w.unit !== 'year') {
        invalid(fieldPath(path, 'unit'), `expected month, quarter or year, got ${JSON.stringify(w.unit)}`);
      }
      return [`${dateExpr} >= ${ctx.dialect.truncDate(w.unit, ctx.asOf())}`];
    }
    case 'year': {
      const y = requireInteger(w.year, fieldPath(path, 'year'), 1, 9999);
      return [`${dateExpr} >= ${ctx.bindDate(isoDate(y, 1, 1))}`, `${dateExpr} <= ${ctx.bindDate(isoDate(y, 12, 31))}`];
    }
    case 'month': {
      const y = requireInteger(w.year, fieldPath(path, 'year'), 1, 9999);
      const m = requireInteger(w.month, fieldPath(path, 'month'), 1, 12);
      return [
        `${dateExpr} >= ${ctx.bindDate(isoDate(y, m, 1))}`,
        `${dateExpr} <= ${ctx.bindDate(isoDate(y, m, lastDayOfMonth(y, m)))}`,
      ];
    }
    case 'before':
      return [`${dateExpr} < ${ctx.bindDate(requireIsoDate(w.date, fieldPath(path, 'date')))}`];
    case 'since':
      return [`${dateExpr} >= ${ctx.bindDate(requireIsoDate(w.date, fieldPath(path, 'date')))}`];
    case 'between': {
      const from = requireIsoDate(w.from, fieldPath(path, 'from'));
      const to = requireIsoDate(w.to, fieldPath(path, 'to'));
      return [`${dateExpr} >= ${ctx.bindDate(from)}`, `${dateExpr} <= ${ctx.bindDate(to)}`];
    }
    default:
      return invalid(fieldPath(path, 'type'), `unknown window type ${JSON.stringify((w as { type?: unknown }).type)}`);
  }
}
