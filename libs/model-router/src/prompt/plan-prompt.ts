import {
  SEGMENT_JSON_SCHEMA,
  type Catalog,
  type JsonSchema,
  type Permissions,
  type Problem,
  type Segment,
  type SegmentNode,
} from '@smartseg/segment-engine';

/**
 * The planning prompt. What a model sees is ONLY: the request, the as-of date, the catalog's
 * names (facets, rules, departments, categories, brands, event types, models) and allowed
 * values, the current segment when it holds no personal facet, and the verifier's findings on
 * the model's own previous answer. Never customer rows, counts, ids, names or e-mails.
 * Bump PLAN_PROMPT_VERSION when this text changes (it is part of the cache key).
 */
export const PLAN_PROMPT_VERSION = 'plan-v1';

/** The structured answer: a segment, or one clarifying question. */
export const PLAN_ANSWER_SCHEMA: JsonSchema = (() => {
  const { $defs, $schema: _s, $id: _i, examples: _e, ...segment } = SEGMENT_JSON_SCHEMA;
  void _s;
  void _i;
  void _e;
  return {
    type: 'object',
    description:
      'Either `segment` (the audience) or `question` (one short clarifying question when the request cannot be read).',
    properties: {
      segment: { $ref: '#/$defs/segment' },
      question: {
        type: 'string',
        minLength: 1,
        maxLength: 300,
        description: 'One clarifying question for the marketer.',
      },
    },
    additionalProperties: false,
    $defs: { ...($defs ?? {}), segment },
  };
})();

export interface PlanInput {
  text: string;
  catalog: Catalog;
  permissions: Permissions;
  asOf: string;
  current?: Segment;
  /** Why the local engine handed over (for the model's orientation, no data). */
  reason: string;
}

export function normalizeRequest(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?]+$/, '');
}

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /(?:\+?\d[\s().-]?){9,}/;

/** A request holding an e-mail address or phone number is never sent to a model. */
export function holdsPersonalData(text: string): boolean {
  return EMAIL.test(text) || PHONE.test(text);
}

/** True when the segment has a condition on a personal (pii) facet: such a segment is never sent. */
export function usesPersonalFacet(segment: Segment, catalog: Catalog): boolean {
  const pii = new Set(catalog.facets.filter((f) => f.pii).map((f) => f.name));
  const walk = (n: SegmentNode): boolean => {
    if (n.kind === 'and' || n.kind === 'or') return n.children.some(walk);
    if (n.kind === 'not') return walk(n.child);
    return n.kind === 'attribute' && pii.has(n.facet);
  };
  return walk(segment.where);
}

/** The catalog as names and allowed values only: stable per catalog version (a cacheable prompt prefix). */
export function catalogDigest(catalog: Catalog, permissions: Permissions): string {
  const lines: string[] = ['FACETS (name: type [operators] allowed values or range):'];
  for (const f of catalog.facets) {
    if (f.pii && !permissions.pii) continue;
    let line = `- ${f.name}: ${f.type} [${f.operators.join(',')}]`;
    if (!f.pii && f.values?.length) line += ` values: ${f.values.map((v) => String(v.value)).join(', ')}`;
    if (f.min !== undefined || f.max !== undefined)
      line += ` range ${f.min ?? ''}..${f.max ?? ''}${f.unit ? ` ${f.unit}` : ''}`;
    if (f.synonyms?.length) line += ` (also: ${f.synonyms.slice(0, 4).join('; ')})`;
    lines.push(line);
  }
  lines.push('RULES (use {kind:"rule", rule:id}):');
  for (const r of catalog.rules)
    lines.push(`- ${r.id}: ${r.label}${r.synonyms.length ? ` (also: ${r.synonyms.slice(0, 3).join('; ')})` : ''}`);
  lines.push('DEPARTMENTS: categories:');
  for (const d of catalog.departments) lines.push(`- ${d.name}: ${d.categories.join(', ')}`);
  lines.push(`BRANDS: ${catalog.brands.map((b) => b.name).join(', ')}`);
  if (catalog.private_label_brand) lines.push(`PRIVATE LABEL BRAND: ${catalog.private_label_brand}`);
  lines.push(`EVENT TYPES: ${catalog.event_types.map((e) => e.name).join(', ')}`);
  lines.push(`MODELS: ${catalog.models.map((m) => `${m.name} (${m.scale})`).join(', ')}`);
  return lines.join('\n');
}

export function planSystemPrompt(catalog: Catalog, permissions: Permissions): string {
  return [
    "You turn a marketer's words into a customer segment for a retail tenant.",
    'Answer ONLY with the JSON structure requested: {"segment": {...}} or, when the words cannot be read as customers, {"question": "..."}.',
    'Use only the names and values listed below, spelled exactly. Never write SQL or code; never invent facets, values, rules, events or models.',
    'If the request asks for something the catalog does not have, ask a question instead of guessing.',
    `CATALOG (version ${catalog.version}):`,
    catalogDigest(catalog, permissions),
  ].join('\n');
}

export function planUserMessage(input: PlanInput): string {
  const parts = [`As-of date D: ${input.asOf}.`, `Request: ${JSON.stringify(input.text)}`];
  if (input.current) parts.push(`The request may edit this current segment: ${JSON.stringify(input.current)}`);
  parts.push(`(The local reader handed this over: ${input.reason}.)`);
  return parts.join('\n');
}

/** The verifier's findings on the model's own answer, for one improvement round. */
export function improveMessage(problems: readonly Pick<Problem, 'path' | 'message' | 'hint'>[]): string {
  const lines = problems
    .slice(0, 12)
    .map((p) => `- ${p.path || '(segment)'}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  return [
    'The verifier rejected that answer:',
    ...lines,
    'Answer again with a corrected segment using only catalog names, or ask one question.',
  ].join('\n');
}
