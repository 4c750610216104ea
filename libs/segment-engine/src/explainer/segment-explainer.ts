import type { Catalog } from '../model/catalog.model';
import { fieldPath, indexPath } from '../model/segment-walk';
import type { Segment, SegmentNode } from '../model/segment.model';
import { ConditionPhraser } from './condition-phraser';
import { joinWords } from './phrase-format.util';

export interface ExplanationPhrase {
  /** Path of the condition (`where.children[0]`), as `conditionPaths` and the verifier name it. */
  path: string;
  /** The condition in words, as it reads in `text` (negated when under a `not`). */
  text: string;
}

export interface Explanation {
  /** The whole segment in plain English: "Customers who are women and live in California". */
  text: string;
  /** One phrase per condition (rule references count as one), in document order. */
  phrases: ExplanationPhrase[];
}

/**
 * The segment in plain English from the catalog's labels. Conditions are joined with and /
 * or; nested groups get parentheses ("(either A or B)"); a `not` is pushed down to its
 * conditions ("did not buy ...", "are not ..."), so every phrase is a plain predicate.
 * Values of personal-data facets are never written out.
 */
export function explainSegment(segment: Segment, catalog: Catalog): Explanation {
  const { text, phrases } = explainNode(segment.where, catalog, 'where');
  return { text: `Customers who ${text}`, phrases };
}

/**
 * One node (a condition or a group) in words, as a predicate without the leading
 * "Customers who" ("live in California or Texas"); for labelling parts of a segment
 * (waterfall steps, `why` rows) whose paths may name groups.
 */
export function explainNode(node: SegmentNode, catalog: Catalog, basePath = 'where'): Explanation {
  const phraser = new ConditionPhraser(catalog);
  const phrases: ExplanationPhrase[] = [];

  const render = (n: SegmentNode, path: string, negated: boolean): Rendered => {
    switch (n.kind) {
      case 'not':
        return render(n.child, fieldPath(path, 'child'), !negated);
      case 'and':
      case 'or': {
        // De Morgan: not (A and B) = not A or not B; not (A or B) = not A and not B.
        const conj: 'and' | 'or' = (n.kind === 'and') !== negated ? 'and' : 'or';
        const children = n.children ?? [];
        if (children.length === 0) {
          const everyone = conj === 'and';
          return { conj: undefined, items: [everyone ? 'are any customer' : 'match no customer'] };
        }
        const parts = children.map((c, i) => render(c, indexPath(fieldPath(path, 'children'), i), negated));
        if (parts.length === 1) return parts[0]!;
        const items: string[] = [];
        for (const p of parts) {
          if (p.conj === undefined || p.conj === conj || p.items.length === 1) items.push(...p.items);
          else items.push(wrap(p));
        }
        return { conj, items };
      }
      default: {
        const predicate = phraser.phrase(n);
        const text = negated ? predicate.neg : predicate.pos;
        phrases.push({ path, text });
        return { conj: undefined, items: [text] };
      }
    }
  };

  const top = render(node, basePath, false);
  const text = top.conj ? joinWords(top.items, top.conj) : (top.items[0] ?? '');
  return { text, phrases };
}

/** A nested group inside another: "(either A or B)", "(A and B)". */
function wrap(r: Rendered): string {
  const joined = joinWords(r.items, r.conj ?? 'and');
  return r.conj === 'or' ? `(either ${joined})` : `(${joined})`;
}

/** A flattened list of items joined by one conjunction (undefined for a single item). */
interface Rendered {
  conj: 'and' | 'or' | undefined;
  items: string[];
}
