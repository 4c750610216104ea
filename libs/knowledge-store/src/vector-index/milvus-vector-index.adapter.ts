import type { FieldType, MilvusClient, ResStatus } from '@zilliz/milvus2-sdk-node';
import { VectorIndexPort, type VectorHit, type VectorItem } from './vector-index.port';

/** The part of the SDK's MilvusClient this adapter uses (a test injects a stub with these). */
export type MilvusClientLike = Pick<
  MilvusClient,
  | 'hasCollection'
  | 'createCollection'
  | 'describeCollection'
  | 'createIndex'
  | 'loadCollection'
  | 'upsert'
  | 'search'
  | 'dropCollection'
  | 'closeConnection'
>;

export interface MilvusVectorIndexOptions {
  /** host:port of Milvus; the SDK client is created from it (lazily) when no `client` is given. */
  address?: string;
  token?: string;
  username?: string;
  password?: string;
  database?: string;
  ssl?: boolean;
  /** An existing client (tests inject a stub); takes precedence over `address`. */
  client?: MilvusClientLike;
  /** Vector index type; default AUTOINDEX (Milvus picks, e.g. HNSW). */
  indexType?: string;
  /** Collection consistency level; default 'Strong' so a search sees the upsert just made. */
  consistencyLevel?: 'Strong' | 'Session' | 'Bounded' | 'Eventually';
  /** Rows per upsert request; default 1000. */
  upsertBatchSize?: number;
  /** Max length of an id (VarChar primary key); default 512. */
  maxIdLength?: number;
}

export const MILVUS_FIELDS = { id: 'id', vector: 'vector', payload: 'payload' } as const;

const SUCCESS = 'Success';

/** The SDK reports failures as statuses, or throws statuses/Errors: one Error for all. */
export class MilvusIndexError extends Error {
  constructor(
    readonly operation: string,
    /** The collection, or the address for 'client setup'. */
    readonly collection: string,
    readonly reason: string,
  ) {
    super(`milvus ${operation} on ${collection} failed: ${reason}`);
    this.name = 'MilvusIndexError';
  }
}

function statusReason(status: Partial<ResStatus> | undefined): string {
  return `${status?.error_code ?? 'unknown'}${status?.reason ? `: ${status.reason}` : ''}`;
}

function isStatus(value: unknown): value is ResStatus {
  return typeof value === 'object' && value !== null && 'error_code' in value;
}

/**
 * Milvus adapter: one collection per tenant catalog version with fields `id` (VarChar primary
 * key), `vector` (FloatVector of the collection's dimension) and `payload` (JSON); a COSINE
 * index on `vector`; loaded before search. The collection is created on first upsert and its
 * dimension is checked when it already exists.
 */
export class MilvusVectorIndex extends VectorIndexPort {
  private clientPromise?: Promise<MilvusClientLike>;
  private readonly ownsClient: boolean;
  /** Collections known to exist and be loaded, by this process. */
  private readonly ready = new Map<string, Promise<number | undefined>>();

  constructor(private readonly options: MilvusVectorIndexOptions) {
    super();
    if (!options.client && !options.address) throw new Error('MilvusVectorIndex needs an address or a client');
    if (options.client) this.clientPromise = Promise.resolve(options.client);
    this.ownsClient = !options.client;
  }

  async upsert(collection: string, items: VectorItem[]): Promise<void> {
    if (items.length === 0) return;
    const dim = items[0]!.vector.length;
    for (const item of items) {
      if (item.vector.length !== dim) {
        throw new Error(`vector for '${item.id}' has dimension ${item.vector.length}, others have ${dim}`);
      }
    }
    const client = await this.client();
    await this.ensureCollection(client, collection, dim);
    const batchSize = this.options.upsertBatchSize ?? 1000;
    for (let start = 0; start < items.length; start += batchSize) {
      const data = items.slice(start, start + batchSize).map((item) => ({
        [MILVUS_FIELDS.id]: item.id,
        [MILVUS_FIELDS.vector]: Array.from(item.vector),
        [MILVUS_FIELDS.payload]: item.payload ?? {},
      }));
      const res = await this.call('upsert', collection, () => client.upsert({ collection_name: collection, data }));
      this.check('upsert', collection, res.status);
    }
  }

  async search(collection: string, vector: Float32Array, k: number): Promise<VectorHit[]> {
    if (k <= 0) return [];
    const client = await this.client();
    if (!(await this.ensureLoaded(client, collection))) return [];
    const res = await this.call('search', collection, () =>
      client.search({
        collection_name: collection,
        anns_field: MILVUS_FIELDS.vector,
        data: Array.from(vector),
        limit: k,
        metric_type: 'COSINE',
        output_fields: [MILVUS_FIELDS.payload],
      }),
    );
    this.check('search', collection, res.status);
    return res.results.map((r) => ({
      id: String(r.id),
      score: Number(r.score),
      payload: (r[MILVUS_FIELDS.payload] as Record<string, unknown> | undefined) ?? {},
    }));
  }

  async drop(collection: string): Promise<void> {
    const client = await this.client();
    this.ready.delete(collection);
    const exists = await this.call('hasCollection', collection, () =>
      client.hasCollection({ collection_name: collection, ...this.db() }),
    );
    this.check('hasCollection', collection, exists.status);
    if (!exists.value.valueOf()) return;
    const res = await this.call('dropCollection', collection, () =>
      client.dropCollection({ collection_name: collection, ...this.db() }),
    );
    this.check('dropCollection', collection, res);
  }

  override async close(): Promise<void> {
    if (!this.ownsClient || !this.clientPromise) return;
    const client = await this.clientPromise.catch(() => undefined);
    this.clientPromise = undefined;
    this.ready.clear();
    await client?.closeConnection();
  }

  private db(): { db_name?: string } {
    return this.options.database ? { db_name: this.options.database } : {};
  }

  /** The injected client, or the SDK's, created on first use (loading the SDK only then). */
  private client(): Promise<MilvusClientLike> {
    if (!this.clientPromise) {
      const { address, token, username, password, database, ssl } = this.options;
      const created = import('@zilliz/milvus2-sdk-node').then((sdk) => {
        const client = new sdk.MilvusClient({
          address: address!,
          ...(token ? { token } : {}),
          ...(username ? { username } : {}),
          ...(password ? { password } : {}),
          ...(database ? { database } : {}),
          ...(ssl !== undefined ? { ssl } : {}),
        });
        // The SDK connects in the background from its constructor; when Milvus is down that
        // promise rejects with nobody listening, which would crash the process. Calls still
        // fail (and are reported as MilvusIndexError) on their own.
        client.connectPromise.catch(() => undefined);
        return client;
      });
      this.clientPromise = created.catch((err: unknown) => {
        this.clientPromise = undefined; // retry on the next call
        throw new MilvusIndexError('client setup', address!, err instanceof Error ? err.message : String(err));
      });
    }
    return this.clientPromise;
  }

  /** Creates (collection, COSINE index, load) or checks the dimension of an existing one; once per process. */
  private ensureCollection(
    client: MilvusClientLike,
    collection: string,
    dim: number,
    knownDim?: number,
  ): Promise<void> {
    let ready = this.ready.get(collection);
    if (!ready) {
      ready = this.prepare(client, collection, dim, knownDim);
      this.ready.set(collection, ready);
      ready.catch(() => this.ready.delete(collection));
    }
    return ready.then((existing) => {
      if (existing !== undefined && existing !== dim) {
        throw new MilvusIndexError(
          'upsert',
          collection,
          `vectors have dimension ${dim} but the collection has ${existing} (drop it or bump the catalog version)`,
        );
      }
    });
  }

  /** For search: loads an existing collection once; false when it does not exist. */
  private async ensureLoaded(client: MilvusClientLike, collection: string): Promise<boolean> {
    const ready = this.ready.get(collection);
    if (ready) {
      await ready;
      return true;
    }
    const exists = await this.call('hasCollection', collection, () =>
      client.hasCollection({ collection_name: collection, ...this.db() }),
    );
    this.check('hasCollection', collection, exists.status);
    if (!exists.value.valueOf()) return false;
    const dim = await this.describeDim(client, collection);
    await this.ensureCollection(client, collection, dim, dim);
    return true;
  }

  /** Returns the dimension of the collection when it already existed (`knownDim`: it exists, with that dimension). */
  private async prepare(
    client: MilvusClientLike,
    collection: string,
    dim: number,
    knownDim?: number,
  ): Promise<number | undefined> {
    let existingDim = knownDim;
    if (existingDim === undefined) {
      const exists = await this.call('hasCollection', collection, () =>
        client.hasCollection({ collection_name: collection, ...this.db() }),
      );
      this.check('hasCollection', collection, exists.status);
      if (exists.value.valueOf()) existingDim = await this.describeDim(client, collection);
    }
    if (existingDim === undefined) {
      const fields: FieldType[] = [
        {
          name: MILVUS_FIELDS.id,
          data_type: 'VarChar',
          is_primary_key: true,
          autoID: false,
          max_length: this.options.maxIdLength ?? 512,
        },
        { name: MILVUS_FIELDS.vector, data_type: 'FloatVector', dim },
        { name: MILVUS_FIELDS.payload, data_type: 'JSON' },
      ];
      const created = await this.call('createCollection', collection, () =>
        client.createCollection({
          collection_name: collection,
          fields,
          consistency_level: this.options.consistencyLevel ?? 'Strong',
          description: 'smart-segmentation catalog embeddings',
          ...this.db(),
        }),
      );
      this.check('createCollection', collection, created);
      const indexed = await this.call('createIndex', collection, () =>
        client.createIndex({
          collection_name: collection,
          field_name: MILVUS_FIELDS.vector,
          index_name: `${MILVUS_FIELDS.vector}_cosine`,
          index_type: this.options.indexType ?? 'AUTOINDEX',
          metric_type: 'COSINE',
          ...this.db(),
        }),
      );
      this.check('createIndex', collection, indexed);
    }
    const loaded = await this.call('loadCollection', collection, () =>
      client.loadCollection({ collection_name: collection, ...this.db() }),
    );
    this.check('loadCollection', collection, loaded);
    return existingDim;
  }

  private async describeDim(client: MilvusClientLike, collection: string): Promise<number> {
    const desc = await this.call('describeCollection', collection, () =>
      client.describeCollection({ collection_name: collection, ...this.db() }),
    );
    this.check('describeCollection', collection, desc.status);
    const field = desc.schema?.fields?.find((f) => f.name === MILVUS_FIELDS.vector);
    const raw = field?.dim ?? field?.type_params?.find((p) => p.key === 'dim')?.value;
    const dim = Number(raw);
    if (!field || !Number.isInteger(dim) || dim <= 0) {
      throw new MilvusIndexError(
        'describeCollection',
        collection,
        `no '${MILVUS_FIELDS.vector}' vector field with a dimension`,
      );
    }
    return dim;
  }

  private check(operation: string, collection: string, status: Partial<ResStatus> | undefined): void {
    if (status?.error_code !== SUCCESS) throw new MilvusIndexError(operation, collection, statusReason(status));
  }

  /** Runs one SDK call, turning whatever it throws (Errors or bare statuses) into MilvusIndexError. */
  private async call<T>(operation: string, collection: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof MilvusIndexError) throw err;
      const reason = isStatus(err) ? statusReason(err) : err instanceof Error ? err.message : String(err);
      throw new MilvusIndexError(operation, collection, reason);
    }
  }
}
