import { SEGMENT_VERSION, type Segment } from '../model/segment.model';
import { CompileContext, type CompileContextOptions } from './compile-context';
import type { CompiledSql, CompileOptions } from './compiler.types';
import { describe, invalid } from './compiler-validation';
import { compilePredicate } from './predicate.compiler';

/** A compile context for building statements around `compilePredicate` (breakdowns, waterfalls, why). */
export function createCompileContext(options: CompileContextOptions): CompileContext {
  return new CompileContext(options);
}

/**
 * Compiles a segment into one SQL statement over the reference schema (spec section 1) with
 * the business meanings of spec section 2, for the given dialect:
 * - count: `SELECT COUNT(*) AS n FROM customers c WHERE <pred>`
 * - ids: `SELECT c.customer_id FROM customers c WHERE <pred> ORDER BY c.customer_id`
 * - predicate: `<pred>` alone, over `customers c` (never reading facts; build statements that may
 *   read them with `createCompileContext` and `ctx.customersFrom()`).
 * With `opts.facts` (count, ids) conditions that map exactly onto the facts table read it.
 * The as-of date D (`opts.asOf`, else `catalog.as_of`) and every value of the segment are bound
 * parameters; identifiers come only from the catalog and the fixed schema. Throws SmartsegError
 * (INVALID_SEGMENT / UNKNOWN_FACET, with the path) for a segment it cannot compile exactly.
 */
export function compileSegment(segment: Segment, opts: CompileOptions): CompiledSql {
  if (!segment || typeof segment !== 'object')
    invalid('segment', `expected a segment object, got ${describe(segment)}`);
  if (segment.version !== SEGMENT_VERSION)
    invalid('version', `expected version ${SEGMENT_VERSION}, got ${describe(segment.version)}`);
  const { facts, ...rest } = opts;
  const ctx = new CompileContext(opts.select === 'predicate' || !facts ? rest : { ...rest, facts });
  const pred = compilePredicate(segment.where, ctx, 'where');
  switch (opts.select) {
    case 'count':
      return ctx.finish(`SELECT COUNT(*) AS n FROM ${ctx.customersFrom()} WHERE ${pred}`);
    case 'ids':
      return ctx.finish(`SELECT c.customer_id FROM ${ctx.customersFrom()} WHERE ${pred} ORDER BY c.customer_id`);
    case 'predicate':
      return ctx.finish(pred);
    default:
      return invalid('select', `expected count, ids or predicate, got ${describe(opts.select)}`);
  }
}
