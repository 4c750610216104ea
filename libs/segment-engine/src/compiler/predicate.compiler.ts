import type { SegmentNode } from '../model/segment.model';
import { compileAttribute } from './attribute.compiler';
import { compileEvent, compilePurchase } from './activity.compiler';
import { compileBirthday } from './birthday.compiler';
import type { CompileContext } from './compile-context';
import { describe, fieldPath, indexPath, invalid, requireString } from './compiler-validation';
import type { LeafSql } from './leaf-sql';
import { compileModel } from './model-score.compiler';

/** Rules nest; a definition deeper than this is refused (a rule chain this long is a mistake). */
const MAX_RULE_DEPTH = 32;

function children(node: { children?: unknown }, path: string): SegmentNode[] {
  if (!Array.isArray(node.children)) invalid(fieldPath(path, 'children'), 'expected a list of conditions');
  return node.children as SegmentNode[];
}

function wrapLeaf(leaf: LeafSql): string {
  return leaf.twoValued ? leaf.sql : `COALESCE((${leaf.sql}), FALSE)`;
}

/**
 * The WHERE predicate (over `customers c`) of a segment node, with the context's parameter
 * markers; turn a statement that uses it into SQL with `ctx.finish(sql)`. Never yields NULL:
 * every leaf is TRUE or FALSE, so NOT means "does not match". An empty AND is TRUE, an empty
 * OR is FALSE. `path` names the node in errors (`where.children[1]`); inside a rule's
 * definition errors name the rule reference.
 */
export function compilePredicate(node: SegmentNode, ctx: CompileContext, path = 'where'): string {
  if (!node || typeof node !== 'object') invalid(path, `expected a condition or group, got ${describe(node)}`);
  const inRule = ctx.ruleStack.length > 0;
  const at = (p: string) => (inRule ? path : p);
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = children(node, path).map((child, i) =>
        compilePredicate(child, ctx, at(indexPath(fieldPath(path, 'children'), i))),
      );
      if (parts.length === 0) return node.kind === 'and' ? 'TRUE' : 'FALSE';
      if (parts.length === 1) return parts[0]!;
      return `(${parts.join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    case 'not':
      return `(NOT ${compilePredicate(node.child, ctx, at(fieldPath(path, 'child')))})`;
    case 'rule': {
      const id = requireString(node.rule, fieldPath(path, 'rule'));
      const rule = ctx.catalog.rules?.find((r) => r.id === id);
      const via = ctx.ruleStack.length ? ` (used by rule ${ctx.ruleStack.map((r) => `"${r}"`).join(' -> ')})` : '';
      if (!rule) invalid(path, `unknown rule "${id}"${via}`);
      if (ctx.ruleStack.includes(id) || ctx.ruleStack.length >= MAX_RULE_DEPTH) {
        invalid(path, `rule "${id}" refers to itself (${[...ctx.ruleStack, id].join(' -> ')}); it cannot be expanded`);
      }
      ctx.ruleStack.push(id);
      try {
        return compilePredicate(rule.definition, ctx, path);
      } finally {
        ctx.ruleStack.pop();
      }
    }
    case 'attribute':
      return wrapLeaf(compileAttribute(node, ctx, path));
    case 'purchase':
      return wrapLeaf(compilePurchase(node, ctx, path));
    case 'event':
      return wrapLeaf(compileEvent(node, ctx, path));
    case 'model':
      return wrapLeaf(compileModel(node, ctx, path));
    case 'birthday':
      return wrapLeaf(compileBirthday(node, ctx, path));
    default:
      return invalid(fieldPath(path, 'kind'), `unknown kind ${describe((node as { kind?: unknown }).kind)}`);
  }
}
