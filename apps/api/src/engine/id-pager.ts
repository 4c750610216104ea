import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import type { AudienceContext, CompiledSql } from './engine.ports';

const IDENT = /^[a-z_][a-z0-9_]*$/;
const PAGE = 5000;

/**
 * The audience of a compiled `ids` statement, with extra customer columns, read in pages of
 * 5,000 by keyset (customer_id) so an export of millions never sits in memory.
 */
export async function* pageIds(
  ctx: AudienceContext,
  ids: CompiledSql,
  options: { limit?: number; fields?: string[] } = {},
): AsyncGenerator<Record<string, unknown>> {
  const fields = (options.fields ?? []).filter((f) => f !== 'customer_id');
  for (const f of fields) if (!IDENT.test(f)) throw new SmartsegError(ErrorCode.BadInput, `Bad field '${f}'`);
  const cols = ['a.customer_id', ...fields.map((f) => `x.${f}`)].join(', ');
  const join = fields.length ? ' JOIN customers x ON x.customer_id = a.customer_id' : '';
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let last: number | null = null;
  let sent = 0;
  while (sent < limit) {
    const after: string = last === null ? '' : ` WHERE a.customer_id > $${ids.params.length + 1}`;
    const take = Math.min(PAGE, limit - sent);
    const sql: string = `SELECT ${cols} FROM (${ids.sql}) a${join}${after} ORDER BY a.customer_id LIMIT ${take}`;
    let rows: Awaited<ReturnType<typeof ctx.connection.query>>;
    try {
      rows = await ctx.connection.query(sql, last === null ? ids.params : [...ids.params, last]);
    } catch (e) {
      throw new SmartsegError(ErrorCode.WarehouseError, 'The warehouse could not run the query', {
        cause: (e as Error).message.split('\n')[0],
      });
    }
    for (const r of rows) yield r;
    sent += rows.length;
    if (rows.length < take) return;
    last = Number(rows[rows.length - 1]!['customer_id']);
  }
}
