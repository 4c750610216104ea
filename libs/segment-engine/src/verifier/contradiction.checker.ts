import type { AttributeCondition, Scalar, SegmentNode } from '../model/segment.model';

/**
 * Finds conditions inside one AND group that cannot hold together: ranges on the same facet
 * that do not overlap, different values of the same single-valued facet, a value and its
 * exclusion, "unknown" and a value, a condition and its exact negation. Only direct
 * siblings are compared; rule references are expanded so that rules' attribute ranges
 * compare too ("active AND churned").
 */

export interface Sibling {
  node: SegmentNode;
  path: string;
}

export interface Contradiction {
  /** Path of the later of the two conditions. */
  path: string;
  message: string;
}

interface Atom {
  cond: AttributeCondition;
  path: string;
  /** The sibling it came from (atoms of one sibling are never compared with each other). */
  sibling: number;
  rule?: string;
}

type Bound = { v: number | string; incl: boolean };
type Constraint =
  | { t: 'unknown' }
  | { t: 'known' }
  | { t: 'in'; vals: Scalar[] }
  | { t: 'out'; vals: Scalar[] }
  | { t: 'range'; lo?: Bound; hi?: Bound };

const OP_SYMBOL: Readonly<Record<string, string>> = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

const fmtScalar = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Short technical form of an attribute condition: `age > 60`, `state in ("CA", "TX")`. */
export function attributeText(c: AttributeCondition): string {
  switch (c.op) {
    case 'in':
    case 'not_in':
      return `${c.facet} ${c.op === 'in' ? 'in' : 'not in'} (${(c.values ?? []).map(fmtScalar).join(', ')})`;
    case 'between':
      return `${c.facet} between ${fmtScalar(c.min)} and ${fmtScalar(c.max)}`;
    case 'is_unknown':
      return `${c.facet} is unknown`;
    case 'is_known':
      return `${c.facet} is known`;
    default:
      return `${c.facet} ${OP_SYMBOL[c.op] ?? c.op} ${fmtScalar(c.value)}`;
  }
}

function constraintOf(c: AttributeCondition): Constraint | undefined {
  switch (c.op) {
    case 'is_unknown':
      return { t: 'unknown' };
    case 'is_known':
      return { t: 'known' };
    case 'eq':
      return { t: 'in', vals: [c.value as Scalar] };
    case 'in':
      return { t: 'in', vals: c.values ?? [] };
    case 'neq':
      return { t: 'out', vals: [c.value as Scalar] };
    case 'not_in':
      return { t: 'out', vals: c.values ?? [] };
    case 'gt':
    case 'gte':
      return typeof c.value === 'boolean' || c.value === undefined
        ? undefined
        : { t: 'range', lo: { v: c.value, incl: c.op === 'gte' } };
    case 'lt':
    case 'lte':
      return typeof c.value === 'boolean' || c.value === undefined
        ? undefined
        : { t: 'range', hi: { v: c.value, incl: c.op === 'lte' } };
    case 'between':
      return c.min === undefined || c.max === undefined
        ? undefined
        : { t: 'range', lo: { v: c.min, incl: true }, hi: { v: c.max, incl: true } };
    default:
      return undefined;
  }
}

const comparable = (a: unknown, b: unknown): boolean =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');

function inRange(v: Scalar, r: { lo?: Bound; hi?: Bound }): boolean | undefined {
  if (r.lo) {
    if (!comparable(v, r.lo.v)) return undefined;
    if (v < r.lo.v || (v === r.lo.v && !r.lo.incl)) return false;
  }
  if (r.hi) {
    if (!comparable(v, r.hi.v)) return undefined;
    if (v > r.hi.v || (v === r.hi.v && !r.hi.incl)) return false;
  }
  return true;
}

function rangesDisjoint(a: { lo?: Bound; hi?: Bound }, b: { lo?: Bound; hi?: Bound }): boolean {
  const check = (lo?: Bound, hi?: Bound): boolean => {
    if (!lo || !hi || !comparable(lo.v, hi.v)) return false;
    return lo.v > hi.v || (lo.v === hi.v && !(lo.incl && hi.incl));
  };
  return check(a.lo, b.hi) || check(b.lo, a.hi);
}

/** True when no customer can satisfy both constraints on the same facet. */
function conflicts(a: Constraint, b: Constraint): boolean {
  if (a.t === 'unknown' || b.t === 'unknown') {
    const other = a.t === 'unknown' ? b : a;
    return other.t === 'known' || other.t === 'in' || other.t === 'range';
  }
  if (a.t === 'in' && b.t === 'in') return !a.vals.some((v) => b.vals.includes(v));
  if (a.t === 'in' && b.t === 'out') return a.vals.every((v) => b.vals.includes(v));
  if (a.t === 'out' && b.t === 'in') return b.vals.every((v) => a.vals.includes(v));
  if (a.t === 'in' && b.t === 'range') return a.vals.every((v) => inRange(v, b) === false);
  if (a.t === 'range' && b.t === 'in') return b.vals.every((v) => inRange(v, a) === false);
  if (a.t === 'range' && b.t === 'range') return rangesDisjoint(a, b);
  return false;
}

/** Deep equality of JSON values, ignoring `id` fields of nodes. */
export function sameCondition(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameCondition(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => k !== 'id' && (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => k !== 'id' && (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameCondition((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function atomText(a: Atom): string {
  return a.rule ? `rule "${a.rule}" (${attributeText(a.cond)})` : `"${attributeText(a.cond)}"`;
}

/**
 * Contradictions among the (already valid) children of one AND group.
 * `expandRule` returns a rule's definition with nested rules expanded, or undefined.
 */
export function findContradictions(
  siblings: readonly Sibling[],
  expandRule: (ruleId: string) => SegmentNode | undefined,
): Contradiction[] {
  const found: Contradiction[] = [];
  const atoms: Atom[] = [];
  const collect = (node: SegmentNode, path: string, sibling: number, rule?: string): void => {
    if (node.kind === 'attribute') atoms.push({ cond: node, path, sibling, ...(rule ? { rule } : {}) });
    else if (node.kind === 'and') node.children.forEach((c) => collect(c, path, sibling, rule));
  };
  siblings.forEach((s, i) => {
    if (s.node.kind === 'attribute') collect(s.node, s.path, i);
    else if (s.node.kind === 'rule') {
      const def = expandRule(s.node.rule);
      if (def) collect(def, s.path, i, s.node.rule);
    }
  });

  const byFacet = new Map<string, Atom[]>();
  for (const a of atoms) byFacet.set(a.cond.facet, [...(byFacet.get(a.cond.facet) ?? []), a]);
  const reported = new Set<string>();
  for (const group of byFacet.values()) {
    for (let j = 1; j < group.length; j++) {
      for (let i = 0; i < j; i++) {
        const [a, b] = [group[i]!, group[j]!];
        if (a.sibling === b.sibling) continue;
        const ca = constraintOf(a.cond);
        const cb = constraintOf(b.cond);
        if (!ca || !cb || !conflicts(ca, cb)) continue;
        const key = `${a.sibling}/${b.sibling}`;
        if (reported.has(key)) continue;
        reported.add(key);
        found.push({
          path: b.path,
          message:
            `${atomText(b)} contradicts ${atomText(a)} at ${a.path}: no customer can match both, ` +
            'so this AND group matches no one',
        });
      }
    }
  }

  siblings.forEach((s, j) => {
    if (s.node.kind !== 'not') return;
    const negated = s.node.child;
    siblings.forEach((t, i) => {
      if (i === j || !sameCondition(negated, t.node)) return;
      const key = `${Math.min(i, j)}/${Math.max(i, j)}`;
      if (reported.has(key)) return;
      reported.add(key);
      found.push({
        path: s.path,
        message: `this is the exact negation of the condition at ${t.path}; an AND of both matches no one`,
      });
    });
  });
  return found;
}
