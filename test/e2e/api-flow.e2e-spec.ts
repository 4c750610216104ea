import { bootTestApp, parseSse, seedTenant, stateOf, tierOf, tinyCounts, type TestApp } from './api-test-app';

const N = 200;

describe('API flow: conversation -> save -> count -> export (tiny DuckDB, SQLite, in-process)', () => {
  let t: TestApp;
  let keys: Record<string, string>;
  const h = (name: string) => ({ 'x-api-key': keys[name]! });

  beforeAll(async () => {
    t = await bootTestApp();
    keys = await seedTenant(t, 'acme', 1, N, { editor: ['editor'], viewer: ['viewer'], admin: ['admin', 'pii'] });
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers a conversation turn in JSON: understand, verify, count, answer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: h('editor'),
      payload: { text: 'platinum members in Texas' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.status).toBe('segment');
    expect(body.skill).toBe('create_segment');
    expect(body.count).toBe(tinyCounts(N, (i) => stateOf(i) === 'TX' && tierOf(i) === 'platinum'));
    expect(typeof body.explanation).toBe('string');
    expect(body.turn).toBe(1);
  });

  it('streams the steps as server-sent events, then edits the segment in a second turn', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: { ...h('viewer'), accept: 'text/event-stream' },
      payload: { text: 'customers in Texas' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.headers['content-type']).toMatch(/text\/event-stream/);
    const events = parseSse(first.body);
    expect(events.map((e) => e.event)).toEqual(['conversation', 'understand', 'verify', 'count', 'answer', 'done']);
    const id = (events[0]!.data as { conversation_id: string }).conversation_id;
    expect((events[3]!.data as { count: number }).count).toBe(tinyCounts(N, (i) => stateOf(i) === 'TX'));

    const edit = await t.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/turns`,
      headers: h('viewer'),
      payload: { text: 'only gold members' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().skill).toBe('edit_segment');
    expect(edit.json().status).toBe('segment');
    // What the edit means is the understanding engine's business (its own tests); the API answers
    // with the whole new segment and its count, which must agree with a fresh count of it.
    const recount = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/count',
      headers: h('viewer'),
      payload: { segment: edit.json().segment },
    });
    expect(edit.json().count).toBe(recount.json().count);
    expect(JSON.stringify(edit.json().segment)).toContain('gold');

    const hist = await t.app.inject({ method: 'GET', url: `/v1/conversations/${id}`, headers: h('viewer') });
    expect(hist.statusCode).toBe(200);
    expect(hist.json().turns.map((x: { turn: number; skill: string }) => [x.turn, x.skill])).toEqual([
      [1, 'create_segment'],
      [2, 'edit_segment'],
    ]);
  });

  it('saves the answer, counts it, exports ids as CSV and JSON lines, versions and audits it', async () => {
    const conv = await t.app.inject({
      method: 'POST',
      url: '/v1/conversations',
      headers: h('editor'),
      payload: { text: 'customers in California' },
    });
    const segment = conv.json().segment;
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: h('editor'),
      payload: { name: 'California', segment },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().version).toBe(1);

    const expected = tinyCounts(N, (i) => stateOf(i) === 'CA');
    const count = await t.app.inject({ method: 'GET', url: `/v1/segments/${id}/count`, headers: h('viewer') });
    expect(count.json()).toMatchObject({ count: expected });
    expect(count.statusCode).toBe(200);

    const csv = await t.app.inject({
      method: 'GET',
      url: `/v1/segments/${id}/export?format=csv`,
      headers: h('viewer'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('customer_id');
    expect(lines).toHaveLength(expected + 1);

    const jsonl = await t.app.inject({
      method: 'GET',
      url: `/v1/segments/${id}/export?format=jsonl&fields=state`,
      headers: h('viewer'),
    });
    const rows = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(expected);
    expect(rows.every((r: { state: string }) => r.state === 'CA')).toBe(true);

    const updated = await t.app.inject({
      method: 'PUT',
      url: `/v1/segments/${id}`,
      headers: h('editor'),
      payload: {
        segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'in', values: ['CA', 'NY'] } },
      },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().version).toBe(2);
    const v1 = await t.app.inject({ method: 'GET', url: `/v1/segments/${id}?version=1`, headers: h('viewer') });
    expect(v1.json().segment).toEqual(segment);

    const breakdown = await t.app.inject({
      method: 'GET',
      url: `/v1/segments/${id}/breakdown?facet=state`,
      headers: h('viewer'),
    });
    const buckets: { value: string; count: number }[] = breakdown.json().rows;
    expect(
      buckets
        .filter((r) => r.count > 0)
        .map((r) => r.value)
        .sort(),
    ).toEqual(['CA', 'NY']);
    expect(buckets.reduce((n, r) => n + r.count, 0)).toBe(
      tinyCounts(N, (i) => stateOf(i) === 'CA' || stateOf(i) === 'NY'),
    );

    const sql = await t.app.inject({
      method: 'GET',
      url: `/v1/segments/${id}/sql?dialect=postgres`,
      headers: h('viewer'),
    });
    expect(sql.statusCode).toBe(200);
    expect(sql.json().sql).toMatch(/SELECT/);

    const del = await t.app.inject({ method: 'DELETE', url: `/v1/segments/${id}`, headers: h('editor') });
    expect(del.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: `/v1/segments/${id}`, headers: h('viewer') });
    expect(gone.statusCode).toBe(404);

    const audit = await t.app.inject({
      method: 'GET',
      url: '/admin/tenants/acme/audit',
      headers: { 'x-api-key': 'test-admin-key-0123456789abcdef' },
    });
    const actions = audit
      .json()
      .filter((a: { entity_id?: string; entityId: string }) => a.entityId === id)
      .map((a: { action: string; actor: string }) => a.action);
    expect(actions.sort()).toEqual(['segment.create', 'segment.delete', 'segment.update']);
  });

  it('answers waterfall and why-in / why-out for a segment body', async () => {
    const segment = {
      version: 1,
      where: {
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
          { kind: 'attribute', facet: 'loyalty_tier', op: 'eq', value: 'platinum' },
        ],
      },
    };
    const w = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/waterfall',
      headers: h('viewer'),
      payload: { segment },
    });
    expect(w.statusCode).toBe(200);
    expect(w.json().steps.map((s: { count: number }) => s.count)).toEqual([
      tinyCounts(N, (i) => stateOf(i) === 'TX'),
      tinyCounts(N, (i) => stateOf(i) === 'TX' && tierOf(i) === 'platinum'),
    ]);
    const inside = Array.from({ length: N }, (_, i) => i).find((i) => stateOf(i) === 'TX' && tierOf(i) === 'platinum')!;
    const whyIn = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/why',
      headers: h('viewer'),
      payload: { segment, customer_id: inside + 1 },
    });
    expect(whyIn.json()).toMatchObject({ in_segment: true, known: true });
    const outside = Array.from({ length: N }, (_, i) => i).find(
      (i) => stateOf(i) === 'TX' && tierOf(i) !== 'platinum',
    )!;
    const whyOut = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/why',
      headers: h('viewer'),
      payload: { segment, customer_id: outside + 1 },
    });
    expect(whyOut.json().in_segment).toBe(false);
    expect(whyOut.json().conditions.map((c: { matched: boolean }) => c.matched)).toEqual([true, false]);
  });

  it('runs an export job in the background', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: h('editor'),
      payload: {
        name: 'NY',
        segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'NY' } },
      },
    });
    const job = await t.app.inject({
      method: 'POST',
      url: `/v1/segments/${created.json().id}/exports`,
      headers: h('viewer'),
      payload: { format: 'jsonl' },
    });
    expect(job.statusCode).toBe(202);
    let info: { status: string; result?: { rows: number } } = { status: 'queued' };
    for (let i = 0; i < 50 && info.status !== 'completed' && info.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      info = (await t.app.inject({ method: 'GET', url: `/v1/jobs/${job.json().job_id}`, headers: h('viewer') })).json();
    }
    expect(info.status).toBe('completed');
    expect(info.result?.rows).toBe(tinyCounts(N, (i) => stateOf(i) === 'NY'));
  });

  it('stores feedback (editor) and lists it (admin)', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      headers: h('editor'),
      payload: {
        kind: 'correct',
        text: 'texans',
        segment: { version: 1, where: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' } },
      },
    });
    expect(ok.statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/v1/feedback', headers: h('admin') });
    expect(list.json()[0]).toMatchObject({ kind: 'correct', text: 'texans' });
  });

  it('serves the catalog and lets an admin key edit a business rule', async () => {
    const cat = await t.app.inject({ method: 'GET', url: '/v1/catalog', headers: h('viewer') });
    expect(cat.statusCode).toBe(200);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/v1/catalog/rules/texans',
      headers: h('admin'),
      payload: {
        label: 'Texans',
        description: 'Lives in Texas',
        synonyms: ['texans'],
        definition: { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
      },
    });
    expect(put.statusCode).toBe(200);
    const count = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/count',
      headers: h('viewer'),
      payload: { segment: { version: 1, where: { kind: 'rule', rule: 'texans' } } },
    });
    expect(count.json().count).toBe(tinyCounts(N, (i) => stateOf(i) === 'TX'));
  });

  it('counts every condition kind and writes SQL for every dialect', async () => {
    const segment = {
      version: 1,
      where: {
        kind: 'and',
        children: [
          { kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' },
          {
            kind: 'not',
            child: { kind: 'purchase', item: { department: ['Baby'] }, window: { type: 'last', n: 90, unit: 'day' } },
          },
        ],
      },
    };
    const count = await t.app.inject({
      method: 'POST',
      url: '/v1/segments/count',
      headers: h('viewer'),
      payload: { segment },
    });
    expect(count.statusCode).toBe(200);
    // the tiny warehouse has no orders: nobody bought Baby, so every Texan matches
    expect(count.json().count).toBe(tinyCounts(N, (i) => stateOf(i) === 'TX'));
    for (const dialect of ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', 'trino']) {
      const sql = await t.app.inject({
        method: 'POST',
        url: '/v1/segments/sql',
        headers: h('viewer'),
        payload: { segment, dialect },
      });
      expect([dialect, sql.statusCode]).toEqual([dialect, 200]);
      expect(sql.json().sql).toMatch(/order/i);
    }
  });
});
