import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Streams rows as CSV (header line first) or JSON lines. The first row is read before the
 * response starts, so a failing query still answers with a proper error body.
 */
export async function exportFile(
  rows: AsyncIterable<Record<string, unknown>>,
  format: 'csv' | 'jsonl',
  columns: string[],
  filename: string,
): Promise<StreamableFile> {
  const it = rows[Symbol.asyncIterator]();
  const first = await it.next();
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `${columns.join(',')}\n`;
    let cur = first;
    while (!cur.done) {
      const r = cur.value;
      yield format === 'csv'
        ? `${columns.map((c) => csvCell(r[c])).join(',')}\n`
        : `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))}\n`;
      cur = await it.next();
    }
  }
  return new StreamableFile(Readable.from(lines()), {
    type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    disposition: `attachment; filename="${filename}.${format === 'csv' ? 'csv' : 'jsonl'}"`,
  });
}
