import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, smartseg, tempHome, writeTemp } from '../support/cli-runner';

/**
 * The CLI end to end, as spec section 3 fixes it: demo init, segment commands on the
 * examples, exit codes (0 done, 2 bad input with one line naming the problem, 1 internal).
 */
describe('smartseg CLI', () => {
  const home = tempHome();
  const examples = path.join(ROOT, 'examples');

  beforeAll(() => {
    const r = smartseg(home, ['demo', 'init', '--customers', '3000', '--seed', '11']);
    if (r.code !== 0) throw new Error(`demo init failed: ${r.stderr}`);
  }, 300_000);

  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('demo init prints the warehouse path of spec section 3', () => {
    expect(fs.existsSync(path.join(home, 'warehouses', 'demo.duckdb'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'catalogs', 'demo.json'))).toBe(true);
  });

  it('counts, explains, compiles and waterfalls every example', () => {
    const files = fs.readdirSync(examples).filter((f) => f.endsWith('.segment.json'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const f of files) {
      const file = path.join(examples, f);
      const count = smartseg(home, ['segment', 'count', file, '--json']);
      expect({ f, code: count.code, err: count.stderr }).toEqual({ f, code: 0, err: '' });
      const n = (JSON.parse(count.stdout) as { count: number }).count;
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(3000);
      const explain = smartseg(home, ['segment', 'explain', file]);
      expect(explain.code).toBe(0);
      expect(explain.stdout.trim().length).toBeGreaterThan(5);
    }
  });

  it('ids and count agree, and why says IN for a member and OUT for a non-member', () => {
    const file = path.join(
      examples,
      fs.readdirSync(examples).find((f) => f.endsWith('.segment.json'))!,
    );
    const ids = JSON.parse(smartseg(home, ['segment', 'ids', file, '--json']).stdout) as { customer_ids: number[] };
    const count = JSON.parse(smartseg(home, ['segment', 'count', file, '--json']).stdout) as { count: number };
    expect(ids.customer_ids.length).toBe(count.count);
    if (ids.customer_ids.length > 0) {
      const why = JSON.parse(
        smartseg(home, ['segment', 'why', file, String(ids.customer_ids[0]), '--json']).stdout,
      ) as {
        matches: boolean;
      };
      expect(why.matches).toBe(true);
    }
  });

  it('compiles to each of the six dialects with bound parameters', () => {
    const file = writeTemp(home, 'quote.segment.json', {
      version: 1,
      where: {
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'city', op: 'eq', value: "O'Hare'; DROP TABLE customers; --" },
          { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } },
        ],
      },
    });
    for (const dialect of ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', 'trino']) {
      const r = smartseg(home, ['segment', 'sql', file, '--dialect', dialect, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { sql: string; params: unknown[] };
      expect(out.sql).not.toContain('DROP TABLE');
      expect(out.params).toContain("O'Hare'; DROP TABLE customers; --");
    }
    const count = smartseg(home, ['segment', 'count', file]);
    expect(count.code).toBe(0);
    expect(count.stdout.trim()).toBe('0');
  });

  it.each([
    ['malformed JSON', '{"version": 1, "where": ', /INVALID_JSON/],
    [
      'an unknown facet',
      { version: 1, where: { kind: 'attribute', facet: 'credit_score', op: 'gt', value: 700 } },
      /where.*facet/,
    ],
    [
      'a wrong operator',
      { version: 1, where: { kind: 'attribute', facet: 'state', op: 'between', min: 1, max: 2 } },
      /where/,
    ],
    [
      'an impossible window',
      { version: 1, where: { kind: 'purchase', window: { type: 'between', from: '2026-05-01', to: '2026-01-01' } } },
      /window/,
    ],
    [
      'a PII facet without permission',
      { version: 1, where: { kind: 'attribute', facet: 'email', op: 'eq', value: 'a@b.c' } },
      /PII/,
    ],
  ])('exits 2 with one line on %s', (_name, content, pattern) => {
    const file = writeTemp(home, 'bad.segment.json', content as string | object);
    const r = smartseg(home, ['segment', 'count', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('exits 2 on a bad option and on a missing file', () => {
    expect(smartseg(home, ['segment', 'sql', path.join(examples, 'x.json'), '--dialect', 'oracle']).code).toBe(2);
    expect(smartseg(home, ['segment', 'count', '/nonexistent.json']).code).toBe(2);
    expect(smartseg(home, ['segment', 'count', path.join(examples, 'x.json'), '--as-of', '2026-02-30']).code).toBe(2);
    expect(smartseg(home, ['no-such-command']).code).toBe(2);
  });

  it('lists the catalog without PII facets unless asked', () => {
    const plain = JSON.parse(smartseg(home, ['catalog', 'list', '--json']).stdout) as { facets: { name: string }[] };
    const names = plain.facets.map((f) => f.name);
    expect(names).toContain('state');
    expect(names).not.toContain('email');
    const pii = JSON.parse(smartseg(home, ['catalog', 'list', '--json', '--pii']).stdout) as {
      facets: { name: string }[];
    };
    expect(pii.facets.map((f) => f.name)).toContain('email');
  });

  it('answers a batch in input order, with an error line for an unreadable request', () => {
    const input = writeTemp(
      home,
      'in.jsonl',
      [
        JSON.stringify({ id: 'a', text: 'women in California' }),
        'not json',
        JSON.stringify({ id: 'c', turns: ['men in Texas', 'make it California instead'] }),
        JSON.stringify({ id: 'd', text: 'customers with a credit score over 700' }),
      ].join('\n'),
    );
    const out = path.join(home, 'out.jsonl');
    const r = smartseg(home, ['understand', '--batch', input, '--out', out, '--with-ids']);
    expect(r.code).toBe(0);
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { id: string; status: string; count?: number; customer_ids?: number[]; elapsed_ms: number },
      );
    expect(lines.map((l) => l.id)).toEqual(['a', 'line-2', 'c', 'd']);
    expect(lines[0]!.status).toBe('segment');
    expect(lines[0]!.customer_ids?.length).toBe(lines[0]!.count);
    expect(lines[1]!.status).toBe('error');
    expect(lines[2]!.status).toBe('segment');
    expect(lines[3]!.status).toBe('refuse');
    expect(lines.every((l) => typeof l.elapsed_ms === 'number')).toBe(true);
  });
});
