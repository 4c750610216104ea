import { MilvusIndexError, MilvusVectorIndex, type MilvusClientLike } from './milvus-vector-index.adapter';
import { catalogCollectionName } from './vector-index.port';

const OK = { error_code: 'Success', reason: '', extra_info: {}, retriable: false, detail: '' };

/** A stand-in for MilvusClient: records requests, keeps which collections exist. */
function stubClient(opts: { existing?: Record<string, number>; fail?: Partial<Record<string, unknown>> } = {}) {
  const calls: { method: string; req: Record<string, unknown> }[] = [];
  const collections = new Map<string, number>(Object.entries(opts.existing ?? {}));
  const record = (method: string, req: Record<string, unknown>) => {
    calls.push({ method, req });
    const failure = opts.fail?.[method];
    if (failure instanceof Error) throw failure;
    return failure;
  };
  const client = {
    hasCollection: async (req: { collection_name: string }) =>
      (record('hasCollection', req) as object | undefined) ?? {
        status: OK,
        value: collections.has(req.collection_name),
      },
    describeCollection: async (req: { collection_name: string }) => {
      record('describeCollection', req);
      return {
        status: OK,
        schema: {
          fields: [
            { name: 'id', type_params: [] },
            { name: 'vector', type_params: [{ key: 'dim', value: String(collections.get(req.collection_name)) }] },
          ],
        },
      };
    },
    createCollection: async (req: { collection_name: string; fields: { name: string; dim?: number }[] }) => {
      const failure = record('createCollection', req);
      if (failure) throw failure; // the SDK throws a bare status when creation fails
      collections.set(req.collection_name, Number(req.fields.find((f) => f.name === 'vector')?.dim));
      return OK;
    },
    createIndex: async (req: Record<string, unknown>) => record('createIndex', req) ?? OK,
    loadCollection: async (req: Record<string, unknown>) => record('loadCollection', req) ?? OK,
    upsert: async (req: { data: unknown[] }) =>
      record('upsert', req) ?? { status: OK, upsert_cnt: String(req.data.length) },
    search: async (req: Record<string, unknown>) =>
      record('search', req) ?? {
        status: OK,
        results: [
          { id: 'dept:electronics', score: 0.93, payload: { kind: 'department' } },
          { id: 'dept:toys', score: 0.41 },
        ],
      },
    dropCollection: async (req: { collection_name: string }) => {
      record('dropCollection', req);
      collections.delete(req.collection_name);
      return OK;
    },
    closeConnection: async () => 'CLOSED',
  };
  return { client: client as unknown as MilvusClientLike, calls, collections };
}

describe('MilvusVectorIndex (stubbed client)', () => {
  const collection = catalogCollectionName('acme', 2);

  it('needs an address or a client; does not connect when constructed with an address', () => {
    expect(() => new MilvusVectorIndex({})).toThrow(/address or a client/);
    expect(() => new MilvusVectorIndex({ address: 'localhost:19530' })).not.toThrow();
  });

  it('creates the collection (VarChar id, FloatVector of the dimension, JSON payload), a COSINE index, loads, then upserts', async () => {
    const { client, calls } = stubClient();
    const index = new MilvusVectorIndex({ client, database: 'smartseg' });
    await index.upsert(collection, [
      { id: 'dept:electronics', vector: Float32Array.from([0.5, 0.25, 0]), payload: { kind: 'department' } },
      { id: 'dept:toys', vector: Float32Array.from([0, 1, 0]) },
    ]);
    expect(calls.map((c) => c.method)).toEqual([
      'hasCollection',
      'createCollection',
      'createIndex',
      'loadCollection',
      'upsert',
    ]);
    expect(calls[1]!.req).toEqual({
      collection_name: collection,
      db_name: 'smartseg',
      consistency_level: 'Strong',
      description: expect.any(String),
      fields: [
        { name: 'id', data_type: 'VarChar', is_primary_key: true, autoID: false, max_length: 512 },
        { name: 'vector', data_type: 'FloatVector', dim: 3 },
        { name: 'payload', data_type: 'JSON' },
      ],
    });
    expect(calls[2]!.req).toEqual({
      collection_name: collection,
      db_name: 'smartseg',
      field_name: 'vector',
      index_name: 'vector_cosine',
      index_type: 'AUTOINDEX',
      metric_type: 'COSINE',
    });
    expect(calls[3]!.req).toEqual({ collection_name: collection, db_name: 'smartseg' });
    expect(calls[4]!.req).toEqual({
      collection_name: collection,
      data: [
        { id: 'dept:electronics', vector: [0.5, 0.25, 0], payload: { kind: 'department' } },
        { id: 'dept:toys', vector: [0, 1, 0], payload: {} },
      ],
    });
    // vectors go over the wire as plain number arrays
    expect(Array.isArray((calls[4]!.req.data as { vector: unknown }[])[0]!.vector)).toBe(true);

    await index.upsert(collection, [{ id: 'dept:home', vector: Float32Array.from([1, 0, 0]) }]);
    expect(calls.slice(5).map((c) => c.method)).toEqual(['upsert']); // prepared once
  });

  it('upserts in bounded batches', async () => {
    const { client, calls } = stubClient();
    const index = new MilvusVectorIndex({ client, upsertBatchSize: 2 });
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `e${i}`, vector: Float32Array.from([i, 1]) }));
    await index.upsert(collection, items);
    const upserts = calls.filter((c) => c.method === 'upsert').map((c) => (c.req.data as unknown[]).length);
    expect(upserts).toEqual([2, 2, 1]);
  });

  it('searches with limit, COSINE and the payload field, and maps hits', async () => {
    const { client, calls } = stubClient({ existing: { [collection]: 3 } });
    const index = new MilvusVectorIndex({ client });
    const hits = await index.search(collection, Float32Array.from([1, 0, 0]), 2);
    expect(hits).toEqual([
      { id: 'dept:electronics', score: 0.93, payload: { kind: 'department' } },
      { id: 'dept:toys', score: 0.41, payload: {} },
    ]);
    expect(calls.map((c) => c.method)).toEqual(['hasCollection', 'describeCollection', 'loadCollection', 'search']);
    expect(calls.at(-1)!.req).toEqual({
      collection_name: collection,
      anns_field: 'vector',
      data: [1, 0, 0],
      limit: 2,
      metric_type: 'COSINE',
      output_fields: ['payload'],
    });
    await index.search(collection, Float32Array.from([1, 0, 0]), 2);
    expect(calls.slice(4).map((c) => c.method)).toEqual(['search']); // loaded once
  });

  it('returns [] for a collection that does not exist, without searching', async () => {
    const { client, calls } = stubClient();
    const index = new MilvusVectorIndex({ client });
    expect(await index.search('catalog_nobody_v1', Float32Array.from([1]), 5)).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['hasCollection']);
  });

  it('refuses to upsert vectors of another dimension into an existing collection', async () => {
    const { client } = stubClient({ existing: { [collection]: 384 } });
    const index = new MilvusVectorIndex({ client });
    await expect(index.upsert(collection, [{ id: 'x', vector: Float32Array.from([1, 0]) }])).rejects.toThrow(
      /dimension 2 but the collection has 384/,
    );
  });

  it('drops an existing collection, and is a no-op otherwise', async () => {
    const { client, calls, collections } = stubClient({ existing: { [collection]: 3 } });
    const index = new MilvusVectorIndex({ client });
    await index.drop(collection);
    expect(collections.has(collection)).toBe(false);
    expect(calls.map((c) => c.method)).toEqual(['hasCollection', 'dropCollection']);
    await index.drop(collection);
    expect(calls.map((c) => c.method)).toEqual(['hasCollection', 'dropCollection', 'hasCollection']);
  });

  it('turns failed statuses and thrown statuses into MilvusIndexError', async () => {
    const bad = { error_code: 'UnexpectedError', reason: 'dim mismatch' };
    const thrown = stubClient({ fail: { createCollection: bad } });
    await expect(
      new MilvusVectorIndex({ client: thrown.client }).upsert(collection, [
        { id: 'x', vector: Float32Array.from([1]) },
      ]),
    ).rejects.toThrow(new MilvusIndexError('createCollection', collection, 'UnexpectedError: dim mismatch'));

    const status = stubClient({ existing: { [collection]: 1 }, fail: { search: { status: bad, results: [] } } });
    await expect(
      new MilvusVectorIndex({ client: status.client }).search(collection, Float32Array.from([1]), 1),
    ).rejects.toBeInstanceOf(MilvusIndexError);

    const net = stubClient({ fail: { hasCollection: new Error('14 UNAVAILABLE: No connection established') } });
    await expect(new MilvusVectorIndex({ client: net.client }).drop(collection)).rejects.toThrow(
      /milvus hasCollection on catalog_acme_v2 failed: 14 UNAVAILABLE/,
    );
  });

  it('creates the SDK client from the address only on first use, and reports failures as MilvusIndexError', async () => {
    // Port 1 on loopback refuses at once: no server, no network needed. Under jest the SDK itself
    // cannot be loaded (it requires an ESM-only uuid), which must surface the same way; in plain
    // Node the failure is "hasCollection ... 14 UNAVAILABLE ... ECONNREFUSED".
    const index = new MilvusVectorIndex({ address: '127.0.0.1:1' });
    try {
      const err = await index.search(collection, Float32Array.from([1, 0]), 3).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MilvusIndexError);
      expect((err as Error).message).toMatch(
        /^milvus (client setup on 127\.0\.0\.1:1|hasCollection on catalog_acme_v2) failed: /,
      );
    } finally {
      await index.close();
    }
  }, 30_000);

  it('does not close an injected client', async () => {
    const { client } = stubClient();
    const spy = jest.spyOn(client, 'closeConnection');
    await new MilvusVectorIndex({ client }).close();
    expect(spy).not.toHaveBeenCalled();
  });
});
