import { ErrorCode, SmartsegError } from '@smartseg/common';
import type { Catalog } from '../model/catalog.model';
import type { CompiledSql, Dialect } from './compiler.types';
import { sqlDialect } from './dialects/dialect-registry';
import type { SqlDialect } from './dialects/sql-dialect';
import { parseIsoDate } from './compiler-validation';
import { CUSTOMER_FACTS_TABLE, CUSTOMER_FACTS_VERSION, type CustomerFactsInfo } from './facts/customer-facts.layout';

/** Marks a bound value inside SQL text until `finish` turns it into the dialect's marker. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;

export interface CompileContextOptions {
  dialect: Dialect;
  catalog: Catalog;
  /** The as-of date D, YYYY-MM-DD; defaults to `catalog.as_of`. */
  asOf?: string;
  /**
   * The warehouse's per-customer facts table (see customer-facts.layout.ts). Used only when it
   * was computed for the same as-of date D, is of this compiler's version and the dialect is
   * duckdb or postgres; otherwise every condition reads the raw tables.
   */
  facts?: CustomerFactsInfo;
}

/**
 * The state of one compilation: the dialect, the catalog, and the values bound so far.
 * Compilers write SQL text with opaque markers for bound values (`bind*`); `finish` replaces the
 * markers with the dialect's parameter syntax and returns the values in binding order. Values
 * therefore never appear in SQL text, and a fragment can be reused in several places of one
 * statement (waterfalls, why) with its values bound once (numbered / named) or repeated
 * (positional).
 */
export class CompileContext {
  readonly dialect: SqlDialect;
  readonly catalog: Catalog;
  readonly asOfDate: string;
  private readonly values: unknown[] = [];
  /** Slot of each (kind, value) bound so far: equal values of one kind share a parameter. */
  private readonly slots = new Map<string, number>();
  /** Rule ids being expanded, outermost first (recursion guard). */
  readonly ruleStack: string[] = [];
  /** The facts usable for this compilation (same as-of date), if any. */
  readonly facts: CustomerFactsInfo | undefined;
  private factsUsed = false;

  constructor(options: CompileContextOptions) {
    this.dialect = sqlDialect(options.dialect);
    this.catalog = options.catalog;
    const asOf = options.asOf ?? options.catalog?.as_of;
    if (typeof asOf !== 'string' || !parseIsoDate(asOf)) {
      throw new SmartsegError(
        ErrorCode.BadInput,
        `The as-of date must be a valid YYYY-MM-DD date (got ${JSON.stringify(asOf)}).`,
        [{ path: 'asOf', message: 'expected a YYYY-MM-DD date' }],
      );
    }
    this.asOfDate = asOf;
    this.values.push(asOf); // slot 0 is always D
    this.slots.set(`date:string:${asOf}`, 0);
    const facts = options.facts;
    this.facts =
      facts &&
      facts.asOf === asOf &&
      facts.layout?.version === CUSTOMER_FACTS_VERSION &&
      (this.dialect.name === 'duckdb' || this.dialect.name === 'postgres')
        ? facts
        : undefined;
  }

  /**
   * `c.<column>` of the facts table; marks the statement as reading `customer_facts c` (which
   * holds the customers' columns too) instead of `customers c`.
   */
  factColumn(column: string): string {
    this.factsUsed = true;
    return `c.${this.quote(column)}`;
  }

  /** Whether some condition compiled so far reads the facts table. */
  get usesFacts(): boolean {
    return this.factsUsed;
  }

  /**
   * The FROM clause of a statement over customers: `customers c`, or `customer_facts c` (the
   * customers' columns and the facts, one row per customer) when a predicate compiled with this
   * context reads a fact. Call it after compiling the predicates.
   */
  customersFrom(): string {
    return this.factsUsed ? `${CUSTOMER_FACTS_TABLE} c` : 'customers c';
  }

  /**
   * A marker for a bound value. The kind is part of the key because a dialect may type the same
   * parameter once only (PostgreSQL infers one type per `$n`).
   */
  private mark(value: unknown, kind: string): string {
    const key = `${kind}:${typeof value}:${String(value)}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      this.values.push(value);
      slot = this.values.length - 1;
      this.slots.set(key, slot);
    }
    return `${MARK_OPEN}${slot}${MARK_CLOSE}`;
  }

  /** D as a DATE expression. */
  asOf(): string {
    return this.dialect.castDate(`${MARK_OPEN}0${MARK_CLOSE}`);
  }
  bindText(value: string): string {
    return this.mark(value, 'text');
  }
  bindBool(value: boolean): string {
    return this.mark(value, 'bool');
  }
  bindNumber(value: number): string {
    return this.dialect.castNumber(this.mark(value, 'number'));
  }
  bindInt(value: number): string {
    return this.dialect.castInt(this.mark(value, 'int'));
  }
  bindFraction(value: number): string {
    return this.dialect.castFraction(this.mark(value, 'fraction'));
  }
  bindId(value: number): string {
    return this.dialect.castId(this.mark(value, 'id'));
  }
  /** An ISO date string as a DATE expression. */
  bindDate(iso: string): string {
    return this.dialect.castDate(this.mark(iso, 'date'));
  }

  /** `c.<column>` for a catalog column; refuses anything that is not a plain identifier. */
  customerColumn(column: string): string {
    return `c.${this.quote(column)}`;
  }

  quote(identifier: string): string {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) {
      throw new SmartsegError(
        ErrorCode.ConfigInvalid,
        `The catalog names a column '${identifier}' that is not a plain identifier.`,
      );
    }
    return this.dialect.quoteIdent(identifier);
  }

  /** Turns SQL text written with this context's markers into a statement for the dialect. */
  finish(sql: string): CompiledSql {
    const style = this.dialect.paramStyle;
    const nameOf = new Map<number, string>();
    const used = new Set<number>();
    for (const m of sql.matchAll(MARKER)) used.add(Number(m[1]));
    // Names and numbers follow slot order, so D (slot 0) is first whenever it is used.
    const ordered = [...used].sort((a, b) => a - b);
    let n = 0;
    for (const slot of ordered) nameOf.set(slot, slot === 0 ? 'as_of' : `p${++n}`);

    if (style === 'positional') {
      const params: unknown[] = [];
      const paramNames: string[] = [];
      const text = sql.replace(MARKER, (_m, slot: string) => {
        const s = Number(slot);
        params.push(this.values[s]);
        paramNames.push(nameOf.get(s)!);
        return this.dialect.placeholder(params.length, nameOf.get(s)!);
      });
      return { sql: text, params, paramNames, dialect: this.dialect.name };
    }
    const indexOf = new Map<number, number>(ordered.map((slot, i) => [slot, i + 1]));
    const text = sql.replace(MARKER, (_m, slot: string) => {
      const s = Number(slot);
      return this.dialect.placeholder(indexOf.get(s)!, nameOf.get(s)!);
    });
    return {
      sql: text,
      params: ordered.map((s) => this.values[s]),
      paramNames: ordered.map((s) => nameOf.get(s)!),
      dialect: this.dialect.name,
    };
  }
}
