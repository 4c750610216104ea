import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import {
  catalogDigest,
  holdsPersonalData,
  normalizeRequest,
  planSystemPrompt,
  PLAN_ANSWER_SCHEMA,
  usesPersonalFacet,
} from './plan-prompt';

const catalog = referenceRetailTestCatalog();

describe('plan prompt', () => {
  it('carries catalog names and allowed values, never counts; personal facets only by name and only with the permission', () => {
    const counted = {
      ...catalog,
      facets: catalog.facets.map((f) => ({
        ...f,
        ...(f.values ? { values: f.values.map((v) => ({ ...v, count: 987654 })) } : {}),
      })),
    };
    const without = catalogDigest(counted, { pii: false });
    expect(without).toContain('loyalty_tier');
    expect(without).toContain('platinum');
    expect(without).toContain('Baby: Diapers');
    expect(without).not.toContain('987654');
    expect(without).not.toMatch(/\bemail:/);
    expect(catalogDigest(counted, { pii: true })).toMatch(/\bemail: string/);
    expect(planSystemPrompt(catalog, { pii: false })).toMatch(/Never write SQL/);
  });

  it('the answer schema wraps the segment schema with its $defs at the root', () => {
    expect(PLAN_ANSWER_SCHEMA.properties?.segment).toEqual({ $ref: '#/$defs/segment' });
    expect(PLAN_ANSWER_SCHEMA.$defs?.node).toBeDefined();
    expect(PLAN_ANSWER_SCHEMA.$defs?.segment?.required).toEqual(['version', 'where']);
  });

  it('normalizes requests for the cache and spots personal data', () => {
    expect(normalizeRequest('  Texan   Baby buyers!! ')).toBe('texan baby buyers');
    expect(holdsPersonalData('customers like jane@x.com')).toBe(true);
    expect(holdsPersonalData('call +1 512 555 0199')).toBe(true);
    expect(holdsPersonalData('women 25-40 in California who spent $500')).toBe(false);
    expect(
      usesPersonalFacet(
        { version: 1, where: { kind: 'not', child: { kind: 'attribute', facet: 'email', op: 'is_known' } } },
        catalog,
      ),
    ).toBe(true);
    expect(
      usesPersonalFacet({ version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } }, catalog),
    ).toBe(false);
  });
});
