import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { referenceRetailTestCatalog } from '@smartseg/knowledge-store';
import type { Catalog } from '@smartseg/segment-engine';
import { CATALOG_CHECK_TTL_MS, CatalogService } from './catalog.service';

interface Row {
  tenantId: string;
  version: number;
  catalog: Record<string, unknown>;
  updatedAt: string;
  updatedBy: string;
}

/** A CatalogService over an in-memory table; `reads` counts the look-ups of the edited copy's head. */
function setUp(home = '/nonexistent') {
  const rows = new Map<string, Row>();
  let reads = 0;
  let onRead: (() => Promise<void>) | undefined;
  const repo = {
    findOne: async ({ where }: { where: { tenantId: string } }) => {
      reads++;
      const hook = onRead;
      onRead = undefined;
      const row = rows.get(where.tenantId);
      const head = row && { tenantId: row.tenantId, version: row.version, updatedAt: row.updatedAt };
      if (hook) await hook();
      return head ?? null;
    },
    findOneBy: async ({ tenantId }: { tenantId: string }) => rows.get(tenantId) ?? null,
    create: (r: Row) => r,
    save: async (r: Row) => {
      rows.set(r.tenantId, { ...r });
      return r;
    },
  };
  const counter = { inc: () => undefined };
  const service = new CatalogService(
    { SMARTSEG_HOME: home } as never,
    repo as never,
    { record: async () => undefined } as never,
    {} as never,
    {} as never,
    counter as never,
    counter as never,
  );
  let clock = 1_000_000;
  service.now = () => clock;
  const base = { ...referenceRetailTestCatalog('2026-06-30'), tenant_id: 't1' } as Catalog;
  const put = (version: number, label: string) =>
    rows.set('t1', {
      tenantId: 't1',
      version,
      catalog: { ...base, version, facets: base.facets.map((f, i) => (i === 0 ? { ...f, label } : f)) },
      updatedAt: `2026-01-01T00:00:0${version}.000Z`,
      updatedBy: 'someone',
    });
  return {
    service,
    put,
    reads: () => reads,
    tick: (ms: number) => (clock += ms),
    beforeNextHeadAnswer: (fn: () => Promise<void>) => (onRead = fn),
    firstLabel: (c: Catalog) => c.facets[0]!.label,
    firstName: base.facets[0]!.name,
  };
}

describe('CatalogService: the catalog kept per tenant', () => {
  it('reads the head once per TTL; an edit by another process is seen once the TTL has passed', async () => {
    const s = setUp();
    s.put(1, 'one');
    const first = await s.service.get('t1');
    expect(s.firstLabel(first)).toBe('one');
    expect(await s.service.get('t1')).toBe(first);
    expect(s.reads()).toBe(1);
    s.put(2, 'two'); // written by another process
    s.tick(CATALOG_CHECK_TTL_MS - 1);
    expect(s.firstLabel(await s.service.get('t1'))).toBe('one');
    s.tick(1);
    expect(s.firstLabel(await s.service.get('t1'))).toBe('two');
    expect(s.reads()).toBe(2);
  });

  it('sees an edit made through this process at once', async () => {
    const s = setUp();
    s.put(1, 'one');
    await s.service.get('t1');
    await s.service.patchFacet('t1', s.firstName, { label: 'patched' }, 'editor');
    const after = await s.service.get('t1');
    expect(s.firstLabel(after)).toBe('patched');
    expect(after.version).toBe(2);
  });

  it('does not keep a catalog read before an edit that finished first', async () => {
    const s = setUp();
    s.put(1, 'one');
    s.beforeNextHeadAnswer(async () => {
      await s.service.patchFacet('t1', s.firstName, { label: 'patched' }, 'editor');
    });
    // That look-up began before the edit: its answer is the old catalog, and it is not kept.
    expect(s.firstLabel(await s.service.get('t1'))).toBe('one');
    expect(s.firstLabel(await s.service.get('t1'))).toBe('patched');
  });

  it('keeps the file catalog for the TTL too (a rewritten file is seen once it has passed)', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-cache-'));
    try {
      const file = path.join(home, 'catalogs', 't1.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const base = referenceRetailTestCatalog('2026-06-30');
      fs.writeFileSync(file, JSON.stringify({ ...base, version: 1 }));
      const s = setUp(home);
      expect((await s.service.get('t1')).version).toBe(1);
      fs.writeFileSync(file, JSON.stringify({ ...base, version: 2 }));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      expect((await s.service.get('t1')).version).toBe(1);
      s.tick(CATALOG_CHECK_TTL_MS);
      expect((await s.service.get('t1')).version).toBe(2);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
