import { ErrorCode, SmartsegError } from '@smartseg/common';
import {
  compilePredicate,
  compileSegment,
  createCompileContext,
  explainNode,
  type Catalog,
  type CompileContext,
  type Condition,
  type CustomerFactsInfo,
  type FacetDef,
  type Segment,
  type SegmentNode,
} from '@smartseg/segment-engine';
import { cachedCustomerFactsInfo } from '../facts/customer-facts.builder';
import type { WarehouseConnection, WarehouseRow } from '../ports/warehouse-connection.port';
import type {
  AudienceIdsOptions,
  AudienceOptions,
  Breakdown,
  BreakdownBucket,
  BreakdownOptions,
  PhraseFn,
  WaterfallStep,
  WhyResult,
} from './audience.model';

/** Categorical breakdowns list at most this many values; the rest are one 'other' bucket. */
const MAX_VALUE_BUCKETS = 50;
/** Largest id list returned in one call. */
const MAX_IDS = 10_000_000;

interface Band {
  key: string;
  /** Inclusive lower bound; none for the first band. */
  lo?: number;
  /** Exclusive upper bound; none for the last band. */
  hi?: number;
}

/** Spec-style bands: age 18-24, 25-34, ..., 65+; recency and tenure in days. */
const AGE_EDGES = [18, 25, 35, 45, 55, 65];
const DAY_EDGES = [31, 91, 181, 366];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function bandsFromEdges(edges: number[], firstLabel?: string): Band[] {
  const bands: Band[] = [];
  bands.push({ key: firstLabel ?? `under ${edges[0]}`, hi: edges[0]! });
  for (let i = 0; i + 1 < edges.length; i++)
    bands.push({ key: `${edges[i]}-${edges[i + 1]! - 1}`, lo: edges[i]!, hi: edges[i + 1]! });
  bands.push({ key: `${edges[edges.length - 1]}+`, lo: edges[edges.length - 1]! });
  return bands;
}

/** About five round-numbered bands over a numeric facet's catalog range. */
function rangeBands(min: number, max: number): Band[] {
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const edges: number[] = [];
  for (let e = Math.floor(min / step) * step + step; e <= max; e += step) edges.push(e);
  return edges.length ? bandsFromEdges(edges, `under ${edges[0]}`) : [{ key: 'all' }];
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

function bool(value: unknown): boolean {
  return value === true || value === 't' || value === 1;
}

/**
 * Audience operations over one tenant's warehouse: size, ids, breakdown by a facet, the
 * waterfall of the root's conditions and why one customer is in or out. Every statement is
 * compiled by the segment compiler for the connection's dialect (DuckDB or PostgreSQL), with
 * the as-of date and all values bound.
 */
export class AudienceService {
  private readonly phrase: PhraseFn;
  private readonly useFacts: boolean;

  /**
   * `options.facts` (default true): read the warehouse's per-customer facts table where a
   * condition maps onto it, when the table was computed for the request's as-of date (detected
   * once per connection, see cachedCustomerFactsInfo); false: always the raw tables.
   */
  constructor(
    private readonly connection: WarehouseConnection,
    private readonly catalog: Catalog,
    options: { phrase?: PhraseFn; facts?: boolean } = {},
  ) {
    this.phrase = options.phrase ?? ((node, path) => explainNode(node, catalog, path).text);
    this.useFacts = options.facts !== false;
  }

  /** The facts of the connected warehouse when they are for `asOf`; undefined otherwise (stale or none). */
  async factsFor(asOf: string): Promise<CustomerFactsInfo | undefined> {
    if (!this.useFacts) return undefined;
    const info = await cachedCustomerFactsInfo(this.connection);
    return info && info.asOf === asOf ? info : undefined;
  }

  /** The number of customers in the segment at D. */
  async count(segment: Segment, opts: AudienceOptions): Promise<number> {
    const facts = await this.factsFor(opts.asOf);
    const compiled = compileSegment(segment, {
      dialect: this.connection.dialect,
      catalog: this.catalog,
      select: 'count',
      asOf: opts.asOf,
      ...(facts ? { facts } : {}),
    });
    const [row] = await this.run(compiled.sql, compiled.params);
    return num(row?.['n']);
  }

  /** The customers in the segment at D, ascending by id (the first `limit` of them). */
  async ids(segment: Segment, opts: AudienceIdsOptions): Promise<number[]> {
    const facts = await this.factsFor(opts.asOf);
    const compiled = compileSegment(segment, {
      dialect: this.connection.dialect,
      catalog: this.catalog,
      select: 'ids',
      asOf: opts.asOf,
      ...(facts ? { facts } : {}),
    });
    let sql = compiled.sql;
    if (opts.limit !== undefined) {
      if (!Number.isSafeInteger(opts.limit) || opts.limit < 0 || opts.limit > MAX_IDS) {
        throw new SmartsegError(ErrorCode.BadInput, `limit must be a whole number from 0 to ${MAX_IDS}.`, [
          { path: 'limit', message: 'out of range' },
        ]);
      }
      sql += ` LIMIT ${opts.limit}`; // a checked integer, not a value of the segment
    }
    const rows = await this.run(sql, compiled.params);
    return rows.map((r) => num(r['customer_id']));
  }

  /**
   * The audience counted by a facet's values: enum, boolean and small-range values one bucket
   * each (closed value lists include zero counts), numbers in bands (age 18-24, 25-34, ...,
   * 65+; days in 0-30, 31-90, 91-180, 181-365, 366+), dates by year. No value is 'unknown'.
   */
  async breakdown(segment: Segment, facetName: string, opts: BreakdownOptions): Promise<Breakdown> {
    const facet = this.catalog.facets.find((f) => f.name === facetName);
    if (!facet) {
      throw new SmartsegError(ErrorCode.UnknownFacet, `There is no facet '${facetName}' to break down by.`, [
        { path: 'facet', message: 'unknown facet' },
      ]);
    }
    if (facet.pii && !opts.permissions?.pii) {
      throw new SmartsegError(
        ErrorCode.PiiNotPermitted,
        `Breaking down by '${facet.name}' needs the 'pii' permission.`,
        [{ path: 'facet', message: 'personal data' }],
      );
    }
    const ctx = await this.context(opts.asOf);
    const where = compilePredicate(this.root(segment), ctx);
    const source = facet.source;

    const bands = this.bandsOf(facet);
    if (bands) return this.bandBreakdown(facet, bands, where, ctx);
    if (source.kind !== 'column') {
      // birth_month: one bucket per month (a derived value), by predicate.
      const months: Band[] = MONTH_NAMES.map((_m, i) => ({ key: String(i + 1), lo: i + 1, hi: i + 2 }));
      return this.bandBreakdown(facet, months, where, ctx, (b) => MONTH_NAMES[Number(b.key) - 1]!);
    }
    const column = ctx.customerColumn(source.column);
    const valueExpr = facet.type === 'date' ? `CAST(EXTRACT(YEAR FROM ${column}) AS INTEGER)` : column;
    const limit = MAX_VALUE_BUCKETS + 1;
    const sql = `SELECT ${valueExpr} AS v, COUNT(*) AS n FROM ${ctx.customersFrom()} WHERE ${where} GROUP BY ${valueExpr} ORDER BY n DESC, v LIMIT ${limit}`;
    const [rows, total] = await Promise.all([this.runFinished(ctx, sql), this.count(segment, opts)]);

    const counts = new Map<string, { value: unknown; count: number }>();
    for (const r of rows.slice(0, MAX_VALUE_BUCKETS)) {
      const key = r['v'] === null ? 'unknown' : String(r['v']);
      const prev = counts.get(key);
      counts.set(key, { value: r['v'], count: (prev?.count ?? 0) + num(r['n']) });
    }
    // Closed value lists show every value, with zero counts too.
    if (facet.type === 'enum' || facet.type === 'boolean') {
      for (const v of facet.values ?? [])
        if (!counts.has(String(v.value))) counts.set(String(v.value), { value: v.value, count: 0 });
    }
    const buckets: BreakdownBucket[] = [...counts.entries()].map(([key, { count }]) => ({
      key,
      label: facet.values?.find((v) => String(v.value) === key)?.label ?? key,
      count,
    }));
    buckets.sort(
      (a, b) =>
        (a.key === 'unknown' ? 1 : 0) - (b.key === 'unknown' ? 1 : 0) ||
        b.count - a.count ||
        a.key.localeCompare(b.key),
    );
    const listed = buckets.reduce((s, b) => s + b.count, 0);
    if (rows.length > MAX_VALUE_BUCKETS && total > listed)
      buckets.push({ key: 'other', label: 'other', count: total - listed });
    return { facet: facet.name, total, buckets };
  }

  /**
   * The audience after each top-level condition of the root AND, cumulatively (a root that is
   * not an AND is one step; an empty AND has no steps). All conditions are evaluated once per
   * customer in one statement.
   */
  async waterfall(segment: Segment, opts: AudienceOptions): Promise<WaterfallStep[]> {
    const root = this.root(segment);
    const parts: { node: SegmentNode; path: string }[] =
      root.kind === 'and'
        ? root.children.map((node, i) => ({ node, path: `where.children[${i}]` }))
        : [{ node: root, path: 'where' }];
    const ctx = await this.context(opts.asOf);
    const flags = parts.map((p, i) => `${compilePredicate(p.node, ctx, p.path)} AS f${i}`);
    const sums = parts.map((_p, i) => {
      const all = parts
        .slice(0, i + 1)
        .map((_q, j) => `t.f${j}`)
        .join(' AND ');
      return `SUM(CASE WHEN ${all} THEN 1 ELSE 0 END) AS s${i}`;
    });
    const inner = `SELECT ${['c.customer_id', ...flags].join(', ')} FROM ${ctx.customersFrom()}`;
    const sql = `SELECT ${['COUNT(*) AS total', ...sums].join(', ')} FROM (${inner}) t`;
    const [row] = await this.runFinished(ctx, sql);
    const total = num(row?.['total']);
    let previous = total;
    return parts.map((p, i) => {
      const count = num(row?.[`s${i}`]);
      const step: WaterfallStep = {
        path: p.path,
        label: this.phrase(p.node, p.path),
        count,
        removed: previous - count,
      };
      previous = count;
      return step;
    });
  }

  /** For one customer: whether each leaf condition holds, and whether the segment does. */
  async why(segment: Segment, customerId: number, opts: AudienceOptions): Promise<WhyResult> {
    if (!Number.isSafeInteger(customerId)) {
      throw new SmartsegError(ErrorCode.BadInput, 'A customer id is a whole number.', [
        { path: 'customerId', message: 'expected an integer' },
      ]);
    }
    const root = this.root(segment);
    const leaves = leafConditions(root);
    const ctx = await this.context(opts.asOf);
    const columns = [
      `${compilePredicate(root, ctx)} AS matched`,
      ...leaves.map((l, i) => `${compilePredicate(l.condition, ctx, l.path)} AS l${i}`),
    ];
    const sql = `SELECT ${columns.join(', ')} FROM ${ctx.customersFrom()} WHERE c.customer_id = ${ctx.bindId(customerId)}`;
    const [row] = await this.runFinished(ctx, sql);
    if (!row) {
      throw new SmartsegError(ErrorCode.NotFound, `There is no customer ${customerId}.`, [
        { path: 'customerId', message: 'not found' },
      ]);
    }
    return {
      customerId,
      matches: bool(row['matched']),
      conditions: leaves.map((l, i) => ({
        path: l.path,
        label: this.phrase(l.condition, l.path),
        condition: l.condition,
        holds: bool(row[`l${i}`]),
      })),
    };
  }

  private root(segment: Segment): SegmentNode {
    if (!segment || typeof segment !== 'object' || !segment.where) {
      throw new SmartsegError(ErrorCode.InvalidSegment, 'where: a segment needs a where.', [
        { path: 'where', message: 'missing' },
      ]);
    }
    // Let the compiler check the version and everything else once.
    compileSegment(segment, {
      dialect: this.connection.dialect,
      catalog: this.catalog,
      select: 'predicate',
      asOf: this.catalog.as_of,
    });
    return segment.where;
  }

  private async context(asOf: string): Promise<CompileContext> {
    const facts = await this.factsFor(asOf);
    return createCompileContext({
      dialect: this.connection.dialect,
      catalog: this.catalog,
      asOf,
      ...(facts ? { facts } : {}),
    });
  }

  /** Bands for numeric facets, by predicate (so derived facets keep their exact meaning); null otherwise. */
  private bandsOf(facet: FacetDef): Band[] | null {
    const source = facet.source;
    if (source.kind === 'derived') {
      switch (source.derivation) {
        case 'age':
          return bandsFromEdges(AGE_EDGES);
        case 'days_since_last_purchase':
        case 'days_since_first_purchase':
        case 'days_since_signup':
          return bandsFromEdges(DAY_EDGES, '0-30');
        default:
          return null;
      }
    }
    if (facet.type !== 'number') return null;
    // Small integer ranges (household size) and ids (preferred store) are values, not bands.
    if (
      facet.min === undefined ||
      facet.max === undefined ||
      facet.max - facet.min <= 20 ||
      !facet.operators.includes('gte')
    )
      return null;
    return rangeBands(facet.min, facet.max);
  }

  private async bandBreakdown(
    facet: FacetDef,
    bands: Band[],
    where: string,
    ctx: CompileContext,
    label: (b: Band) => string = (b) => b.key,
  ): Promise<Breakdown> {
    const cases = bands.map((b, i) => {
      const parts: SegmentNode[] = [];
      if (b.lo !== undefined) parts.push({ kind: 'attribute', facet: facet.name, op: 'gte', value: b.lo });
      if (b.hi !== undefined) parts.push({ kind: 'attribute', facet: facet.name, op: 'lt', value: b.hi });
      const pred = parts.length
        ? compilePredicate({ kind: 'and', children: parts }, ctx, 'facet')
        : compilePredicate({ kind: 'attribute', facet: facet.name, op: 'is_known' }, ctx, 'facet');
      return `WHEN ${pred} THEN ${i}`;
    });
    const sql = `SELECT CASE ${cases.join(' ')} ELSE -1 END AS b, COUNT(*) AS n FROM ${ctx.customersFrom()} WHERE ${where} GROUP BY 1`;
    const rows = await this.runFinished(ctx, sql);
    const counts = new Map(rows.map((r) => [num(r['b']), num(r['n'])]));
    const buckets: BreakdownBucket[] = bands.map((b, i) => ({
      key: b.key,
      label: label(b),
      count: counts.get(i) ?? 0,
    }));
    buckets.push({ key: 'unknown', label: 'unknown', count: counts.get(-1) ?? 0 });
    return { facet: facet.name, total: buckets.reduce((s, b) => s + b.count, 0), buckets };
  }

  private runFinished(ctx: CompileContext, sql: string): Promise<WarehouseRow[]> {
    const compiled = ctx.finish(sql);
    return this.run(compiled.sql, compiled.params);
  }

  private async run(sql: string, params: readonly unknown[]): Promise<WarehouseRow[]> {
    try {
      return await this.connection.query(sql, params);
    } catch (err) {
      if (err instanceof SmartsegError) throw err;
      throw new SmartsegError(
        ErrorCode.WarehouseError,
        `The warehouse could not run the audience query: ${(err as Error).message}`,
      );
    }
  }
}

/** Leaf conditions of a tree with their paths (rule references are leaves). */
function leafConditions(root: SegmentNode): { condition: Condition; path: string }[] {
  const out: { condition: Condition; path: string }[] = [];
  const go = (node: SegmentNode, path: string): void => {
    if (node.kind === 'and' || node.kind === 'or') node.children.forEach((c, i) => go(c, `${path}.children[${i}]`));
    else if (node.kind === 'not') go(node.child, `${path}.child`);
    else out.push({ condition: node, path });
  };
  go(root, 'where');
  return out;
}
