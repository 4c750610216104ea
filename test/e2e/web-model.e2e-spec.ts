import { SseParser } from '../../apps/web/src/api/sse';
import {
  canonical,
  handDelta,
  rebase,
  replaceCondition,
  topConditions,
  topIndexOfPath,
} from '../../apps/web/src/model/segment-ops';
import { guessRanges } from '../../apps/web/src/model/spans';
import type { Catalog, Segment, SegmentNode } from '../../apps/web/src/model/types';

/** The web page's pure logic: SSE parsing, hand edits kept across follow-ups, words of a condition. */

const attr = (facet: string, value: string): SegmentNode => ({ kind: 'attribute', facet, op: 'eq', value });
const seg = (...children: SegmentNode[]): Segment => ({
  version: 1,
  where: children.length === 1 ? children[0]! : { kind: 'and', children },
});

describe('SseParser', () => {
  const stream =
    'event: conversation\ndata: {"conversation_id":"c1"}\n\n' +
    ': a comment\nevent: understand\ndata: {"status":"segment"}\n\n' +
    'event: answer\r\ndata: {"count":12}\r\n\r\n' +
    'event: done\ndata: {}\n\n';

  it('parses events split at every possible place', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(stream.slice(0, cut)), ...p.push(stream.slice(cut)), ...p.flush()];
      expect([cut, events.map((e) => e.event)]).toEqual([cut, ['conversation', 'understand', 'answer', 'done']]);
      expect(events[2]!.data).toEqual({ count: 12 });
    }
  });

  it('joins multi-line data and keeps text that is not JSON', () => {
    const p = new SseParser();
    expect(p.push('data: a\ndata: b\n\nevent: x\ndata: not json\n\n')).toEqual([
      { event: 'message', data: 'a\nb' },
      { event: 'x', data: 'not json' },
    ]);
    expect(p.push('event: tail\ndata: {"n":1}')).toEqual([]);
    expect(p.flush()).toEqual([{ event: 'tail', data: { n: 1 } }]);
  });
});

describe('segment operations', () => {
  it('compares conditions whatever the key order', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonical({ a: [{ c: 3, d: 2 }], b: 1 }));
  });

  it('replaces and removes top-level conditions, unwrapping a single one', () => {
    const s = seg(attr('state', 'TX'), attr('loyalty_tier', 'gold'));
    expect(topConditions(replaceCondition(s, 0, attr('state', 'CA')))).toEqual([
      attr('state', 'CA'),
      attr('loyalty_tier', 'gold'),
    ]);
    expect(replaceCondition(s, 0, null).where).toEqual(attr('loyalty_tier', 'gold'));
  });

  it('keeps hand edits across a follow-up (a chosen option, an edited value)', () => {
    const server = seg(attr('state', 'TX'), attr('loyalty_tier', 'platinum'));
    const local = seg(attr('state', 'CA'), attr('loyalty_tier', 'platinum'), attr('gender', 'female'));
    const delta = handDelta(server, local);
    expect(delta).toEqual({ removed: [attr('state', 'TX')], added: [attr('state', 'CA'), attr('gender', 'female')] });
    // The follow-up "make it gold" edited the server's segment.
    const next = seg(attr('state', 'TX'), attr('loyalty_tier', 'gold'));
    expect(topConditions(rebase(next, delta))).toEqual([
      attr('loyalty_tier', 'gold'),
      attr('state', 'CA'),
      attr('gender', 'female'),
    ]);
    // Nothing changed by hand: the answer as it is.
    expect(rebase(next, handDelta(server, server))).toEqual(next);
  });

  it('maps condition paths to top-level conditions', () => {
    const s = seg(attr('state', 'TX'), { kind: 'not', child: attr('gender', 'male') });
    expect(topIndexOfPath('where.children[1].child', s)).toBe(1);
    expect(topIndexOfPath('where', seg(attr('state', 'TX')))).toBe(0);
  });
});

describe('the words a condition came from (when the API gives no spans)', () => {
  const catalog = {
    facets: [
      {
        name: 'state',
        label: 'State',
        type: 'enum',
        values: [{ value: 'TX', label: 'Texas' }],
        synonyms: ['state'],
      },
      {
        name: 'gender',
        label: 'Gender',
        type: 'enum',
        values: [{ value: 'female', label: 'women', synonyms: ['women', 'ladies'] }],
      },
      { name: 'age', label: 'Age', type: 'number', synonyms: ['aged'] },
    ],
    departments: [{ name: 'Baby', categories: [], synonyms: ['baby products'] }],
    brands: [],
    rules: [],
    models: [],
    event_types: [],
  } as unknown as Catalog;
  const words = (text: string, node: SegmentNode) =>
    guessRanges(text, node, catalog).map((r) => text.slice(r.start, r.end));

  it('finds values, synonyms, numbers, windows and negations', () => {
    const text = 'ladies 25-40 in Texas who bought baby products in the last 90 days but never used a coupon';
    expect(words(text, attr('state', 'TX'))).toEqual(['Texas']);
    expect(words(text, attr('gender', 'female'))).toEqual(['ladies']);
    expect(words(text, { kind: 'attribute', facet: 'age', op: 'between', min: 25, max: 40 })).toEqual(['25-40']);
    expect(
      words(text, { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } }),
    ).toEqual(['bought baby products', 'last 90 days']);
    expect(words(text, { kind: 'not', child: { kind: 'purchase', order: { coupon_used: true } } })).toEqual([
      'never',
      'coupon',
    ]);
    expect(words('customers in Ohio', attr('state', 'TX'))).toEqual([]);
  });
});
