import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import { UnderstandingEngines } from '../engine/segment-engine.adapters';
import { catalogForCaller } from './catalog.service';

describe('catalogForCaller', () => {
  const catalog = { ...referenceRetailTestCatalog('2026-06-30'), tenant_id: 't1' };
  const piiFacet = catalog.facets.find((f) => f.pii)!.name;
  const plainFacet = catalog.facets.find((f) => !f.pii)!.name;

  it('leaves out PII facets without the pii role and restricted facets always', () => {
    const names = (c: typeof catalog) => c.facets.map((f) => f.name);
    expect(names(catalogForCaller(catalog, { pii: true }))).toContain(piiFacet);
    expect(names(catalogForCaller(catalog, { pii: false }))).not.toContain(piiFacet);
    const restricted = catalogForCaller(catalog, { pii: true, restricted: [plainFacet] });
    expect(names(restricted)).not.toContain(plainFacet);
    expect(restricted.facets).toHaveLength(catalog.facets.length - 1);
    expect(catalog.facets.map((f) => f.name)).toContain(plainFacet); // the catalog itself is untouched
  });

  it('gives the same view for the same catalog and options (so per-catalog work is not redone per request)', () => {
    const a = catalogForCaller(catalog, { pii: true, restricted: [plainFacet] });
    expect(catalogForCaller(catalog, { pii: true, restricted: [plainFacet] })).toBe(a);
    expect(catalogForCaller(catalog, { pii: true, restricted: [plainFacet, plainFacet] })).toBe(a);
    expect(catalogForCaller(catalog, { pii: false, restricted: [plainFacet] })).not.toBe(a);
    expect(catalogForCaller(catalog, { pii: true })).not.toBe(a);
    // another catalog object (an edit, a rewritten file) is another view
    expect(catalogForCaller({ ...catalog }, { pii: true, restricted: [plainFacet] })).not.toBe(a);
  });

  it('lets the understanding engine built for a tenant catalog be reused from one request to the next', () => {
    const engines = new UnderstandingEngines();
    const first = engines.get('t1', catalogForCaller(catalog, { pii: true, restricted: [] }));
    expect(engines.get('t1', catalogForCaller(catalog, { pii: true, restricted: [] }))).toBe(first);
  });
});
