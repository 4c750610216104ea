import type { BirthdayCondition } from '../model/segment.model';
import type { CompileContext } from './compile-context';
import { fieldPath, invalid, requireInteger } from './compiler-validation';
import type { LeafSql } from './leaf-sql';

/** Longest "next N days" accepted; from 366 on, every known birthday matches anyway. */
const MAX_DAYS = 3660;

/**
 * Birthdays at D. The occurrence of a birthday in a year is that year's first day + (month - 1)
 * months + (day - 1) days, so 29 February falls on 1 March in non-leap years (the same day a
 * leap-day baby's age goes up, see age). next_days N: the next occurrence on or after D (this
 * year's, or next year's once this year's has passed) lies in [D, D + N]. An unknown birth date
 * never matches.
 */
export function compileBirthday(cond: BirthdayCondition, ctx: CompileContext, path: string): LeafSql {
  const d = ctx.dialect;
  const b = 'c.birth_date';
  const occurrence = (yearsAhead: 0 | 1): string => {
    const months = `(${d.month(b)} - 1${yearsAhead ? ' + 12' : ''})`;
    return d.addDays(d.addMonths(d.truncDate('year', ctx.asOf()), months), `(${d.dayOfMonth(b)} - 1)`);
  };
  switch (cond.when) {
    case 'today':
      return { sql: `${occurrence(0)} = ${ctx.asOf()}`, twoValued: false };
    case 'this_month':
      return { sql: `${d.month(b)} = ${d.month(ctx.asOf())}`, twoValued: false };
    case 'next_month':
      // D + 1 month clamps to month end, so it is always in the month after D's (December -> January).
      return { sql: `${d.month(b)} = ${d.month(d.addMonths(ctx.asOf(), '1'))}`, twoValued: false };
    case 'next_days': {
      const n = requireInteger(cond.days, fieldPath(path, 'days'), 0, MAX_DAYS);
      const within = (occ: string) => `${occ} BETWEEN ${ctx.asOf()} AND ${d.addDays(ctx.asOf(), ctx.bindInt(n))}`;
      return { sql: `(${within(occurrence(0))} OR ${within(occurrence(1))})`, twoValued: false };
    }
    default:
      return invalid(
        fieldPath(path, 'when'),
        `expected today, this_month, next_month or next_days, got ${JSON.stringify(cond.when)}`,
      );
  }
}
