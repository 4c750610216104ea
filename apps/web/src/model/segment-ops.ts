import type { Segment, SegmentNode } from './types';

/** JSON with object keys sorted: two nodes are the same condition when their canonical forms are equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && k !== 'id')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The conditions the page shows and edits: the children of a root AND, or the root itself.
 * Waterfall steps follow the same split (one step per child of a root AND).
 */
export function topConditions(segment: Segment | null | undefined): SegmentNode[] {
  if (!segment) return [];
  return segment.where.kind === 'and' ? segment.where.children : [segment.where];
}

/** A segment from top-level conditions (one condition is the root itself; the verifier unwraps one-child groups). */
export function fromConditions(base: Segment, conditions: SegmentNode[]): Segment {
  const where: SegmentNode =
    conditions.length === 1 ? conditions[0]! : { kind: 'and', children: conditions.map((c) => c) };
  return { ...base, version: 1, where };
}

export function replaceCondition(segment: Segment, index: number, next: SegmentNode | null): Segment {
  const list = topConditions(segment).slice();
  if (next === null) list.splice(index, 1);
  else list[index] = next;
  return fromConditions(segment, list);
}

/** What the page changed by hand relative to the conversation's segment (top-level conditions). */
export interface HandDelta {
  removed: SegmentNode[];
  added: SegmentNode[];
}

export function handDelta(server: Segment | null, local: Segment | null): HandDelta {
  const s = topConditions(server);
  const l = topConditions(local);
  const sKeys = new Set(s.map(canonical));
  const lKeys = new Set(l.map(canonical));
  return {
    removed: s.filter((c) => !lKeys.has(canonical(c))),
    added: l.filter((c) => !sKeys.has(canonical(c))),
  };
}

export function isEmptyDelta(d: HandDelta): boolean {
  return d.removed.length === 0 && d.added.length === 0;
}

/**
 * Re-applies hand edits (a chosen clarification, an edited or removed condition) on top of the
 * conversation's new segment after a typed follow-up: drops what was removed by hand, adds what
 * was added by hand (unless already there). The API cannot set a conversation's segment, so the
 * page keeps the difference itself.
 */
export function rebase(next: Segment, delta: HandDelta): Segment {
  const removed = new Set(delta.removed.map(canonical));
  const kept = topConditions(next).filter((c) => !removed.has(canonical(c)));
  const keys = new Set(kept.map(canonical));
  for (const a of delta.added) if (!keys.has(canonical(a))) kept.push(a);
  if (kept.length === 0) return next;
  return fromConditions(next, kept);
}

export interface ConditionChange {
  kind: 'added' | 'removed';
  node: SegmentNode;
}

/** Conditions added and removed between two segments (top level), for "what changed" notes. */
export function diffConditions(before: Segment | null, after: Segment): ConditionChange[] {
  const d = handDelta(before, after);
  return [
    ...d.removed.map((node) => ({ kind: 'removed' as const, node })),
    ...d.added.map((node) => ({ kind: 'added' as const, node })),
  ];
}

/** Top-level index of a condition path (`where.children[2].child` -> 2; `where` -> 0 for a non-AND root). */
export function topIndexOfPath(path: string, segment: Segment): number | undefined {
  if (segment.where.kind !== 'and') return path === 'where' || path.startsWith('where.') ? 0 : undefined;
  const m = /^where\.children\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : undefined;
}
