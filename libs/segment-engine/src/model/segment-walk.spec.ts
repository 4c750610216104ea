import { ErrorCode, SmartsegError } from '@smartseg/common';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import fc from 'fast-check';
import { segmentArb } from '../verifier/__fixtures__/segment.arbitraries';
import type { Catalog } from './catalog.model';
import {
  conditionPaths,
  expandRules,
  fieldPath,
  indexPath,
  mapSegment,
  tryExpandRules,
  walkSegment,
} from './segment-walk';
import type { Segment, SegmentNode } from './segment.model';

const catalog = referenceRetailTestCatalog();

const segment: Segment = {
  version: 1,
  where: {
    kind: 'and',
    children: [
      { kind: 'attribute', facet: 'state', op: 'eq', value: 'CA' },
      {
        kind: 'not',
        child: {
          kind: 'purchase',
          item: { department: ['Electronics'] },
          window: { type: 'last', n: 6, unit: 'month' },
        },
      },
      {
        kind: 'or',
        children: [
          { kind: 'rule', rule: 'vip' },
          { kind: 'model', model: 'churn_risk', level: 'high' },
        ],
      },
    ],
  },
};

describe('paths', () => {
  it('joins fields and indexes', () => {
    expect(fieldPath('where', 'children')).toBe('where.children');
    expect(indexPath('where.children', 1)).toBe('where.children[1]');
    expect(fieldPath('', 'version')).toBe('version');
    expect(fieldPath('where.children[1].child.item', 'department')).toBe('where.children[1].child.item.department');
  });

  it('quotes keys that are not identifiers', () => {
    expect(fieldPath('where', 'odd key')).toBe('where["odd key"]');
    expect(fieldPath('where', 'a.b')).toBe('where["a.b"]');
  });
});

describe('walkSegment', () => {
  it('visits every node, parents first, with paths and depths', () => {
    const seen: [string, string, number][] = [];
    walkSegment(segment, (node, path, info) => {
      seen.push([node.kind, path, info.depth]);
    });
    expect(seen).toEqual([
      ['and', 'where', 1],
      ['attribute', 'where.children[0]', 2],
      ['not', 'where.children[1]', 2],
      ['purchase', 'where.children[1].child', 3],
      ['or', 'where.children[2]', 2],
      ['rule', 'where.children[2].children[0]', 3],
      ['model', 'where.children[2].children[1]', 3],
    ]);
  });

  it('passes the parent group', () => {
    const parents: (string | undefined)[] = [];
    walkSegment(segment, (_node, _path, info) => {
      parents.push(info.parent?.kind);
    });
    expect(parents).toEqual([undefined, 'and', 'and', 'not', 'and', 'or', 'or']);
  });

  it('skips the children of a node when the visitor returns false', () => {
    const paths: string[] = [];
    walkSegment(segment, (node, path) => {
      paths.push(path);
      return node.kind !== 'or';
    });
    expect(paths).not.toContain('where.children[2].children[0]');
    expect(paths).toContain('where.children[2]');
  });

  it('walks a bare node from a base path', () => {
    const paths: string[] = [];
    walkSegment(
      { kind: 'not', child: { kind: 'birthday', when: 'today' } },
      (_n, p) => void paths.push(p),
      'definition',
    );
    expect(paths).toEqual(['definition', 'definition.child']);
  });
});

describe('conditionPaths', () => {
  it('lists every leaf condition with its path, in document order', () => {
    expect(conditionPaths(segment).map((c) => [c.path, c.condition.kind])).toEqual([
      ['where.children[0]', 'attribute'],
      ['where.children[1].child', 'purchase'],
      ['where.children[2].children[0]', 'rule'],
      ['where.children[2].children[1]', 'model'],
    ]);
  });

  it('a segment that is one condition has the path "where"', () => {
    expect(conditionPaths({ version: 1, where: { kind: 'birthday', when: 'today' } })).toEqual([
      { path: 'where', condition: { kind: 'birthday', when: 'today' } },
    ]);
  });

  it('counts the leaves of any tree', () => {
    fc.assert(
      fc.property(segmentArb(catalog), (s) => {
        let leaves = 0;
        walkSegment(s, (n) => {
          if (n.kind !== 'and' && n.kind !== 'or' && n.kind !== 'not') leaves++;
        });
        expect(conditionPaths(s)).toHaveLength(leaves);
      }),
      { numRuns: 100 },
    );
  });
});

describe('mapSegment', () => {
  it('transforms bottom-up without touching the input', () => {
    const before = JSON.stringify(segment);
    const mapped = mapSegment(segment, (node) =>
      node.kind === 'attribute' && node.facet === 'state' ? { ...node, value: 'TX' } : node,
    );
    expect(JSON.stringify(segment)).toBe(before);
    expect(mapped).not.toBe(segment);
    const where = mapped.where as Extract<SegmentNode, { kind: 'and' }>;
    expect(where.children[0]).toEqual({ kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' });
    // untouched subtrees are shared
    const original = segment.where as Extract<SegmentNode, { kind: 'and' }>;
    expect(where.children[1]).toBe(original.children[1]);
    expect(where.children[2]).toBe(original.children[2]);
  });

  it('returns the same object when nothing changes', () => {
    expect(mapSegment(segment, (n) => n)).toBe(segment);
  });

  it('sees children already mapped, and the paths', () => {
    const paths: string[] = [];
    const mapped = mapSegment(segment, (node, path) => {
      paths.push(path);
      // collapse "or" groups whose children were all replaced by birthdays
      if (node.kind === 'rule' || node.kind === 'model') return { kind: 'birthday', when: 'today' };
      if (node.kind === 'or' && node.children.every((c) => c.kind === 'birthday')) return node.children[0]!;
      return node;
    });
    expect(paths).toEqual([
      'where.children[0]',
      'where.children[1].child',
      'where.children[1]',
      'where.children[2].children[0]',
      'where.children[2].children[1]',
      'where.children[2]',
      'where',
    ]);
    expect((mapped.where as Extract<SegmentNode, { kind: 'and' }>).children[2]).toEqual({
      kind: 'birthday',
      when: 'today',
    });
  });

  it('maps a bare node', () => {
    const out = mapSegment({ kind: 'not', child: { kind: 'birthday', when: 'today' } }, (n) =>
      n.kind === 'birthday' ? { ...n, when: 'this_month' } : n,
    );
    expect(out).toEqual({ kind: 'not', child: { kind: 'birthday', when: 'this_month' } });
  });
});

describe('expandRules', () => {
  it('replaces rule references by their definitions', () => {
    const expanded = expandRules(segment, catalog);
    const or = (expanded.where as Extract<SegmentNode, { kind: 'and' }>).children[2] as Extract<
      SegmentNode,
      { kind: 'or' }
    >;
    expect(or.children[0]).toEqual(catalog.rules.find((r) => r.id === 'vip')!.definition);
    expect(JSON.stringify(expanded)).not.toContain('"rule"');
  });

  it('keeps the id of the reference and does not alias the catalog', () => {
    const node = expandRules({ kind: 'rule', rule: 'active_customer', id: 'c1' }, catalog);
    expect(node).toEqual({ kind: 'attribute', facet: 'days_since_last_purchase', op: 'lte', value: 90, id: 'c1' });
    (node as { value: number }).value = 1;
    expect(catalog.rules.find((r) => r.id === 'active_customer')!.definition).toMatchObject({ value: 90 });
  });

  it('expands rules used inside rules', () => {
    const c: Catalog = {
      ...catalog,
      rules: [
        ...catalog.rules,
        {
          id: 'active_vip',
          label: 'active VIPs',
          description: 'VIPs who are active.',
          synonyms: [],
          definition: {
            kind: 'and',
            children: [
              { kind: 'rule', rule: 'vip' },
              { kind: 'rule', rule: 'active_customer' },
            ],
          },
        },
      ],
    };
    const node = expandRules({ kind: 'rule', rule: 'active_vip' }, c);
    expect(JSON.stringify(node)).not.toContain('"kind":"rule"');
    expect(node).toMatchObject({
      kind: 'and',
      children: [{ kind: 'or' }, { kind: 'attribute', facet: 'days_since_last_purchase' }],
    });
  });

  it('throws INVALID_SEGMENT with the path on an unknown rule', () => {
    const s: Segment = { version: 1, where: { kind: 'and', children: [{ kind: 'rule', rule: 'nope' }] } };
    expect(() => expandRules(s, catalog)).toThrow(SmartsegError);
    try {
      expandRules(s, catalog);
    } catch (err) {
      expect((err as SmartsegError).code).toBe(ErrorCode.InvalidSegment);
      expect((err as SmartsegError).details).toEqual([
        { path: 'where.children[0]', message: 'unknown rule "nope"', code: 'UNKNOWN_RULE' },
      ]);
    }
  });

  it('detects recursion, direct and indirect', () => {
    const rule = (id: string, definition: SegmentNode) => ({
      id,
      label: id,
      description: id,
      synonyms: [],
      definition,
    });
    const c: Catalog = {
      ...catalog,
      rules: [
        rule('self', { kind: 'not', child: { kind: 'rule', rule: 'self' } }),
        rule('a', {
          kind: 'and',
          children: [
            { kind: 'birthday', when: 'today' },
            { kind: 'rule', rule: 'b' },
          ],
        }),
        rule('b', { kind: 'or', children: [{ kind: 'rule', rule: 'a' }] }),
      ],
    };
    const self = tryExpandRules({ kind: 'rule', rule: 'self' }, c);
    expect(self).toMatchObject({ ok: false, reason: 'recursive_rule', chain: ['self', 'self'], path: 'where' });
    const indirect = tryExpandRules(
      {
        kind: 'and',
        children: [
          { kind: 'birthday', when: 'today' },
          { kind: 'rule', rule: 'a' },
        ],
      },
      c,
    );
    expect(indirect).toMatchObject({
      ok: false,
      reason: 'recursive_rule',
      chain: ['a', 'b', 'a'],
      path: 'where.children[1]',
    });
    expect(() => expandRules({ kind: 'rule', rule: 'a' }, c)).toThrow(/refers to itself \(a -> b -> a\)/);
  });

  it('a rule used twice (not recursively) is fine', () => {
    const node: SegmentNode = {
      kind: 'or',
      children: [
        { kind: 'rule', rule: 'vip' },
        { kind: 'not', child: { kind: 'rule', rule: 'vip' } },
      ],
    };
    expect(tryExpandRules(node, catalog).ok).toBe(true);
  });
});
