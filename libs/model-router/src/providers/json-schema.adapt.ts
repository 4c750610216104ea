import type { JsonSchema } from '@smartseg/segment-engine';

/**
 * The segment schema shaped for what each API accepts: drops `$schema`, `$id` and `examples`
 * everywhere (tokens the model does not need), and for Gemini and OpenAI reads `oneOf` as
 * `anyOf` (the subset those structured-output modes document). The answer is verified anyway.
 */
export function adaptSchema(schema: JsonSchema, kind: 'anthropic' | 'gemini' | 'openai'): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$schema' || k === '$id' || k === 'examples') continue;
      if (k === 'format' && kind !== 'anthropic') continue;
      const key = k === 'oneOf' && kind !== 'anthropic' ? 'anyOf' : k;
      // `properties` maps names to schemas: walk the schemas, keep the names
      out[key] = walk(v);
    }
    return out;
  };
  return walk(schema) as Record<string, unknown>;
}
