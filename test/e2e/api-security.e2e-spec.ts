import { ADMIN_KEY, bootTestApp, seedTenant, type TestApp } from './api-test-app';

const TX = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } };

describe('API security: tenant isolation, roles, PII', () => {
  let t: TestApp;
  let a: Record<string, string>;
  let b: Record<string, string>;
  let bSegment: string;
  let bConversation: string;
  let bJob: string;
  let aSegment: string;

  beforeAll(async () => {
    t = await bootTestApp();
    a = await seedTenant(t, 'tenant-a', 1, 100, {
      editor: ['editor'],
      viewer: ['viewer'],
      pii: ['viewer', 'pii'],
      admin: ['admin'],
    });
    b = await seedTenant(t, 'tenant-b', 100001, 50, { editor: ['editor'] });
    const hb = { 'x-api-key': b['editor']! };
    bSegment = (
      await t.app.inject({ method: 'POST', url: '/v1/segments', headers: hb, payload: { name: 'B only', segment: TX } })
    ).json().id;
    bConversation = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/conversations',
        headers: hb,
        payload: { text: 'customers in Texas' },
      })
    ).json().conversation_id;
    bJob = (
      await t.app.inject({ method: 'POST', url: `/v1/segments/${bSegment}/exports`, headers: hb, payload: {} })
    ).json().job_id;
    aSegment = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/segments',
        headers: { 'x-api-key': a['editor']! },
        payload: { name: 'A only', segment: TX },
      })
    ).json().id;
    expect([bSegment, bConversation, bJob, aSegment].every(Boolean)).toBe(true);
  }, 60_000);
  afterAll(async () => t?.close());

  describe("tenant A's key never sees tenant B's data", () => {
    const attempts: [
      string,
      () => { method: string; url: string; payload?: unknown; headers?: Record<string, string> },
      number,
    ][] = [
      ['get B segment by id', () => ({ method: 'GET', url: `/v1/segments/${bSegment}` }), 404],
      ['get B segment version 1', () => ({ method: 'GET', url: `/v1/segments/${bSegment}?version=1` }), 404],
      ['list B segment versions', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/versions` }), 404],
      ['read B segment history', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/history` }), 404],
      ['update B segment', () => ({ method: 'PUT', url: `/v1/segments/${bSegment}`, payload: { name: 'pwned' } }), 404],
      ['delete B segment', () => ({ method: 'DELETE', url: `/v1/segments/${bSegment}` }), 404],
      ['count B segment', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/count` }), 404],
      ['break down B segment', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/breakdown?facet=state` }), 404],
      ['waterfall B segment', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/waterfall` }), 404],
      ['why on B segment', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/why/100001` }), 404],
      ['sql of B segment', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/sql?dialect=duckdb` }), 404],
      ['export B segment', () => ({ method: 'GET', url: `/v1/segments/${bSegment}/export` }), 404],
      [
        'export job on B segment',
        () => ({ method: 'POST', url: `/v1/segments/${bSegment}/exports`, payload: {} }),
        404,
      ],
      ['read B conversation', () => ({ method: 'GET', url: `/v1/conversations/${bConversation}` }), 404],
      [
        'add a turn to B conversation',
        () => ({ method: 'POST', url: `/v1/conversations/${bConversation}/turns`, payload: { text: 'only gold' } }),
        404,
      ],
      ['read B job', () => ({ method: 'GET', url: `/v1/jobs/${bJob}` }), 404],
      [
        'feedback on B conversation',
        () => ({ method: 'POST', url: '/v1/feedback', payload: { kind: 'confirm', conversation_id: bConversation } }),
        404,
      ],
      [
        'tenant id in a segment body',
        () => ({ method: 'POST', url: '/v1/segments', payload: { name: 'x', segment: TX, tenant_id: 'tenant-b' } }),
        400,
      ],
      [
        'tenantId in a segment body',
        () => ({ method: 'POST', url: '/v1/segments', payload: { name: 'x', segment: TX, tenantId: 'tenant-b' } }),
        400,
      ],
      ['tenant in a list query', () => ({ method: 'GET', url: '/v1/segments?tenant_id=tenant-b' }), 400],
      ['admin route with a tenant key', () => ({ method: 'GET', url: '/admin/tenants/tenant-b/keys' }), 401],
      [
        'create a key for B with a tenant key',
        () => ({ method: 'POST', url: '/admin/tenants/tenant-b/keys', payload: { name: 'x', roles: ['admin'] } }),
        401,
      ],
      ['path traversal in a segment id', () => ({ method: 'GET', url: `/v1/segments/..%2F${bSegment}` }), 404],
    ];

    it.each(attempts)('%s', async (_name, make, status) => {
      const req = make();
      const res = await t.app.inject({
        ...req,
        headers: { 'x-api-key': a['editor']!, 'x-tenant-id': 'tenant-b', ...(req.headers ?? {}) },
      } as never);
      expect(res.statusCode).toBe(status);
      expect(res.body).not.toMatch(/100001|B only|tenant-b'/);
    });

    it('lists only its own segments even with forged tenant headers', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/v1/segments',
        headers: { 'x-api-key': a['viewer']!, 'x-tenant-id': 'tenant-b', 'x-smartseg-tenant': 'tenant-b' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((s: { id: string }) => s.id)).toEqual([aSegment]);
    });

    it("counts and exports only its own customers (B's ids start at 100001)", async () => {
      const h = { 'x-api-key': a['viewer']! };
      const all = { version: 1, where: { kind: 'attribute', facet: 'state', op: 'is_known' } };
      expect(
        (
          await t.app.inject({ method: 'POST', url: '/v1/segments/count', headers: h, payload: { segment: all } })
        ).json().count,
      ).toBe(100);
      const csv = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/export',
        headers: h,
        payload: { segment: all },
      });
      const ids = csv.body.trim().split('\n').slice(1).map(Number);
      expect(ids).toHaveLength(100);
      expect(Math.max(...ids)).toBe(100);
      const why = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/why',
        headers: h,
        payload: { segment: all, customer_id: 100001 },
      });
      expect(why.json()).toMatchObject({ known: false, in_segment: false });
    });

    it("edits of A's catalog do not reach B's", async () => {
      const put = await t.app.inject({
        method: 'PUT',
        url: '/v1/catalog/rules/a_only',
        headers: { 'x-api-key': a['admin']! },
        payload: { label: 'A only', description: '', synonyms: [], definition: TX.where },
      });
      expect(put.statusCode).toBe(200);
      const bRules = (
        await t.app.inject({ method: 'GET', url: '/v1/catalog/rules', headers: { 'x-api-key': b['editor']! } })
      ).json();
      expect(bRules.map((r: { id: string }) => r.id)).not.toContain('a_only');
      const aCat = (
        await t.app.inject({ method: 'GET', url: '/v1/catalog', headers: { 'x-api-key': a['viewer']! } })
      ).json();
      expect(aCat.tenant_id).toBe('tenant-a');
    });
  });

  describe('authentication', () => {
    it.each([
      ['no key', {}],
      ['an unknown key', { 'x-api-key': 'ssk_not-a-real-key-at-all-000000000000' }],
      ['a malformed bearer', { authorization: 'Basic abc' }],
      ['the admin key on a tenant route', { 'x-api-key': ADMIN_KEY }],
    ])('refuses %s with 401 UNAUTHORIZED', async (_n, headers) => {
      const res = await t.app.inject({ method: 'GET', url: '/v1/segments', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('accepts Authorization: Bearer', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${a['viewer']}` },
      });
      expect(res.json()).toMatchObject({ tenant_id: 'tenant-a', roles: ['viewer'] });
    });

    it('stops a revoked key and the keys of a disabled tenant', async () => {
      const admin = { 'x-api-key': ADMIN_KEY };
      const created = (
        await t.app.inject({
          method: 'POST',
          url: '/admin/tenants/tenant-a/keys',
          headers: admin,
          payload: { name: 'temp', roles: ['viewer'] },
        })
      ).json();
      expect(created.key).toMatch(/^ssk_/);
      const listed = (await t.app.inject({ method: 'GET', url: '/admin/tenants/tenant-a/keys', headers: admin })).body;
      expect(listed).not.toContain(created.key);
      expect(listed).not.toMatch(/keyHash|key_hash/);
      expect(
        (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': created.key } })).statusCode,
      ).toBe(200);
      await t.app.inject({ method: 'DELETE', url: `/admin/tenants/tenant-a/keys/${created.id}`, headers: admin });
      expect(
        (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': created.key } })).statusCode,
      ).toBe(401);

      // Keys are kept verified in memory for a few seconds: revoking and disabling drop them at once.
      expect(
        (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': b['editor']! } })).statusCode,
      ).toBe(200);
      await t.app.inject({ method: 'POST', url: '/admin/tenants/tenant-b/disable', headers: admin });
      expect(
        (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': b['editor']! } })).statusCode,
      ).toBe(401);
      await t.app.inject({ method: 'POST', url: '/admin/tenants/tenant-b/enable', headers: admin });
      expect(
        (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': b['editor']! } })).statusCode,
      ).toBe(200);
    });
  });

  describe('roles', () => {
    const writes: [string, () => { method: string; url: string; payload?: unknown }][] = [
      ['save a segment', () => ({ method: 'POST', url: '/v1/segments', payload: { name: 'x', segment: TX } })],
      ['update a segment', () => ({ method: 'PUT', url: `/v1/segments/${aSegment}`, payload: { name: 'y' } })],
      ['delete a segment', () => ({ method: 'DELETE', url: `/v1/segments/${aSegment}` })],
      ['send feedback', () => ({ method: 'POST', url: '/v1/feedback', payload: { kind: 'confirm' } })],
      [
        'edit a rule',
        () => ({
          method: 'PUT',
          url: '/v1/catalog/rules/x_rule',
          payload: { label: 'x', description: '', synonyms: [], definition: TX.where },
        }),
      ],
      ['edit a facet', () => ({ method: 'PATCH', url: '/v1/catalog/facets/state', payload: { label: 'x' } })],
    ];
    it.each(writes)('a viewer cannot %s (403 FORBIDDEN)', async (_n, make) => {
      const res = await t.app.inject({ ...make(), headers: { 'x-api-key': a['viewer']! } } as never);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    });

    it('an editor cannot edit the catalog', async () => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/v1/catalog/facets/state',
        headers: { 'x-api-key': a['editor']! },
        payload: { label: 'x' },
      });
      expect(res.statusCode).toBe(403);
    });

    it('the segment is unchanged after the refused writes', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/segments/${aSegment}`,
        headers: { 'x-api-key': a['viewer']! },
      });
      expect(res.json()).toMatchObject({ name: 'A only', version: 1 });
    });
  });

  describe('personal data', () => {
    const piiFacets = ['first_name', 'last_name', 'email', 'phone', 'zip', 'birth_date'];

    it('a key without pii gets no PII facets; a pii key does', async () => {
      const plain = (
        await t.app.inject({ method: 'GET', url: '/v1/catalog', headers: { 'x-api-key': a['viewer']! } })
      ).json();
      const names = plain.facets.map((f: { name: string }) => f.name);
      for (const f of piiFacets) expect(names).not.toContain(f);
      expect(names).toContain('age');
      const pii = (
        await t.app.inject({ method: 'GET', url: '/v1/catalog', headers: { 'x-api-key': a['pii']! } })
      ).json();
      for (const f of piiFacets) expect(pii.facets.map((x: { name: string }) => x.name)).toContain(f);
    });

    it('a key without pii cannot segment on, break down by or export PII', async () => {
      const h = { 'x-api-key': a['viewer']! };
      const byEmail = { version: 1, where: { kind: 'attribute', facet: 'email', op: 'eq', value: 'c1@example.com' } };
      const count = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/count',
        headers: h,
        payload: { segment: byEmail },
      });
      expect(count.statusCode).toBe(403);
      expect(count.json().code).toBe('PII_NOT_PERMITTED');
      const breakdown = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/breakdown',
        headers: h,
        payload: { segment: TX, facet: 'zip' },
      });
      expect(breakdown.json().code).toBe('PII_NOT_PERMITTED');
      const exp = await t.app.inject({
        method: 'GET',
        url: `/v1/segments/${aSegment}/export?fields=email,state`,
        headers: h,
      });
      expect(exp.statusCode).toBe(403);
      expect(exp.json().code).toBe('PII_NOT_PERMITTED');
      const plainExport = await t.app.inject({
        method: 'GET',
        url: `/v1/segments/${aSegment}/export?format=jsonl`,
        headers: h,
      });
      expect(plainExport.body).not.toMatch(/@example\.com|First\d/);
    });

    it('a pii key may export personal fields', async () => {
      const exp = await t.app.inject({
        method: 'GET',
        url: `/v1/segments/${aSegment}/export?fields=email&format=jsonl`,
        headers: { 'x-api-key': a['pii']! },
      });
      expect(exp.statusCode).toBe(200);
      expect(exp.body).toMatch(/@example\.com/);
    });
  });
});
