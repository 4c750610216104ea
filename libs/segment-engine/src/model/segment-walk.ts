import { ErrorCode, SmartsegError } from '@smartseg/common';
import type { Catalog } from './catalog.model';
import type { Condition, Group, Segment, SegmentNode } from './segment.model';

/**
 * Helpers to visit and rewrite segment trees. Paths name a place in a segment the way
 * problems and explanations report it: `where`, `where.children[1]`,
 * `where.children[1].child.item.department[0]`.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `base.key`, or `base["odd key"]` when the key is not a plain identifier. */
export function fieldPath(base: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}

/** `base[i]`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

export interface WalkInfo {
  /** 1 for the root node (`where`), 2 for its children, ... */
  depth: number;
  /** The group holding this node, if any. */
  parent?: Group;
}

/** Called for each node; return `false` to skip the node's children. */
export type SegmentVisitor = (node: SegmentNode, path: string, info: WalkInfo) => void | boolean;

/** Called bottom-up for each node (children already mapped); returns the node to keep. */
export type SegmentMapper = (node: SegmentNode, path: string) => SegmentNode;

function isSegment(value: Segment | SegmentNode): value is Segment {
  return (value as { kind?: unknown }).kind === undefined && 'where' in value;
}

/**
 * Visits every node depth-first, parents before children, children in order. Given a
 * `Segment`, starts at `where`; given a node, paths start at `basePath` (default `where`).
 */
export function walkSegment(root: Segment | SegmentNode, visit: SegmentVisitor, basePath = 'where'): void {
  const start = isSegment(root) ? root.where : root;
  const go = (node: SegmentNode, path: string, info: WalkInfo): void => {
    if (visit(node, path, info) === false) return;
    const depth = info.depth + 1;
    if (node.kind === 'and' || node.kind === 'or') {
      const children = Array.isArray(node.children) ? node.children : [];
      children.forEach((child, i) => go(child, indexPath(fieldPath(path, 'children'), i), { depth, parent: node }));
    } else if (node.kind === 'not' && node.child) {
      go(node.child, fieldPath(path, 'child'), { depth, parent: node });
    }
  };
  go(start, isSegment(root) ? 'where' : basePath, { depth: 1 });
}

/**
 * Immutable transform: maps children first (post-order), then calls `fn` on the node with
 * its mapped children. Subtrees that nothing changed are shared, not copied; the input is
 * never modified.
 */
export function mapSegment(segment: Segment, fn: SegmentMapper): Segment;
export function mapSegment(node: SegmentNode, fn: SegmentMapper, basePath?: string): SegmentNode;
export function mapSegment(root: Segment | SegmentNode, fn: SegmentMapper, basePath = 'where'): Segment | SegmentNode {
  const go = (node: SegmentNode, path: string): SegmentNode => {
    let rebuilt: SegmentNode = node;
    if (node.kind === 'and' || node.kind === 'or') {
      const children = node.children.map((c, i) => go(c, indexPath(fieldPath(path, 'children'), i)));
      if (children.some((c, i) => c !== node.children[i])) rebuilt = { ...node, children };
    } else if (node.kind === 'not') {
      const child = go(node.child, fieldPath(path, 'child'));
      if (child !== node.child) rebuilt = { ...node, child };
    }
    return fn(rebuilt, path);
  };
  if (isSegment(root)) {
    const where = go(root.where, 'where');
    return where === root.where ? root : { ...root, where };
  }
  return go(root, basePath);
}

export interface ConditionAtPath {
  path: string;
  condition: Condition;
}

/** Every leaf condition (rule references included, not expanded) with its path, in document order. */
export function conditionPaths(root: Segment | SegmentNode, basePath = 'where'): ConditionAtPath[] {
  const found: ConditionAtPath[] = [];
  walkSegment(
    root,
    (node, path) => {
      if (node.kind !== 'and' && node.kind !== 'or' && node.kind !== 'not') found.push({ path, condition: node });
    },
    basePath,
  );
  return found;
}

export type RuleExpansion =
  | { ok: true; node: SegmentNode }
  | {
      ok: false;
      /** Path of the rule reference in the input that could not be expanded. */
      path: string;
      /** The rule that is unknown or refers back to itself. */
      rule: string;
      reason: 'unknown_rule' | 'recursive_rule';
      /** Rule ids from the outermost reference down to the failing one. */
      chain: string[];
      message: string;
    };

class ExpansionFailure {
  constructor(readonly result: Extract<RuleExpansion, { ok: false }>) {}
}

function cloneNode<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Like `expandRules`, but reports an unknown or recursive rule instead of throwing.
 * Rule definitions may use other rules; a rule that reaches itself again is refused.
 */
export function tryExpandRules(node: SegmentNode, catalog: Catalog, basePath = 'where'): RuleExpansion {
  const rules = new Map((catalog.rules ?? []).map((r) => [r.id, r]));
  // Inside a rule's definition, paths stay at the outermost rule reference (the place in
  // the input a person can change).
  const expand = (n: SegmentNode, path: string, stack: string[]): SegmentNode => {
    if (n.kind === 'rule') {
      const chain = [...stack, n.rule];
      const def = rules.get(n.rule);
      if (!def) {
        const via = stack.length ? ` (used by rule ${stack.map((s) => `"${s}"`).join(' -> ')})` : '';
        throw new ExpansionFailure({
          ok: false,
          path,
          rule: n.rule,
          reason: 'unknown_rule',
          chain,
          message: `unknown rule "${n.rule}"${via}`,
        });
      }
      if (stack.includes(n.rule)) {
        throw new ExpansionFailure({
          ok: false,
          path,
          rule: n.rule,
          reason: 'recursive_rule',
          chain,
          message: `rule "${n.rule}" refers to itself (${chain.join(' -> ')}); it cannot be expanded`,
        });
      }
      const expanded = expand(cloneNode(def.definition), path, chain);
      return n.id !== undefined ? { ...expanded, id: n.id } : expanded;
    }
    if (n.kind === 'and' || n.kind === 'or') {
      const children = n.children.map((c, i) =>
        expand(c, stack.length ? path : indexPath(fieldPath(path, 'children'), i), stack),
      );
      return { ...n, children };
    }
    if (n.kind === 'not') {
      return { ...n, child: expand(n.child, stack.length ? path : fieldPath(path, 'child'), stack) };
    }
    return n;
  };
  try {
    return { ok: true, node: expand(node, basePath, []) };
  } catch (err) {
    if (err instanceof ExpansionFailure) return err.result;
    throw err;
  }
}

/**
 * Replaces every `{kind:'rule'}` by the rule's definition from the catalog (recursively:
 * definitions may use other rules). A rule reference's `id` moves onto the expanded node.
 * Throws `SmartsegError` (INVALID_SEGMENT) on an unknown rule or a rule that refers to itself.
 */
export function expandRules(segment: Segment, catalog: Catalog): Segment;
export function expandRules(node: SegmentNode, catalog: Catalog): SegmentNode;
export function expandRules(root: Segment | SegmentNode, catalog: Catalog): Segment | SegmentNode {
  const node = isSegment(root) ? root.where : root;
  const result = tryExpandRules(node, catalog);
  if (!result.ok) {
    throw new SmartsegError(ErrorCode.InvalidSegment, `${result.path}: ${result.message}`, [
      { path: result.path, message: result.message, code: 'UNKNOWN_RULE' },
    ]);
  }
  return isSegment(root) ? { ...root, where: result.node } : result.node;
}
