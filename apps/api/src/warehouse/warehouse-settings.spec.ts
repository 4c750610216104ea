import {
  maskPostgresUrl,
  maskTenantSettings,
  maskWarehouseInAudit,
  readOnlyPostgresUrl,
  scrubPostgresUrl,
} from './warehouse-settings';

/** What pg reads from a connection string (it parses with WHATWG URL too, a dummy host for sockets). */
function parse(url: string) {
  const u = new URL(url.replace('@/', '@socket/'));
  return {
    host: u.searchParams.get('host') ?? u.hostname,
    port: u.searchParams.get('port') ?? u.port,
    database: u.pathname.slice(1),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    options: u.searchParams.get('options'),
  };
}

describe('PostgreSQL warehouse settings', () => {
  it('masks the password and secret-looking parameters of a url', () => {
    expect(maskPostgresUrl('postgres://reader:s3cret@db.example.com:5432/shop')).toBe(
      'postgres://reader:***@db.example.com:5432/shop',
    );
    expect(maskPostgresUrl('postgresql://reader@db/shop?sslmode=require&password=s3cret')).toBe(
      'postgresql://reader@db/shop?sslmode=require&password=***',
    );
    expect(maskPostgresUrl('postgresql://postgres:pw@/postgres?host=%2Ftmp%2Fpg&port=5433')).toBe(
      'postgresql://postgres:***@/postgres?host=/tmp/pg&port=5433',
    );
    expect(maskPostgresUrl('not a url')).toBe('***');
  });

  it('scrubs the url and its password out of a message', () => {
    const url = 'postgres://reader:p%40ss@db/shop';
    expect(scrubPostgresUrl(`cannot reach ${url}: auth failed for p@ss and p%40ss`, url)).toBe(
      'cannot reach postgres://reader:***@db/shop: auth failed for *** and ***',
    );
  });

  it('masks only a postgres warehouse in tenant settings, leaving the stored object alone', () => {
    const settings = {
      rateLimit: { perKey: 5 },
      warehouse: { kind: 'postgres' as const, url: 'postgres://u:pw@db/x', schema: 's' },
    };
    expect(maskTenantSettings(settings)).toEqual({
      rateLimit: { perKey: 5 },
      warehouse: { kind: 'postgres', url: 'postgres://u:***@db/x', schema: 's' },
    });
    expect(settings.warehouse.url).toBe('postgres://u:pw@db/x');
    const duck = { warehouse: { kind: 'duckdb' as const, path: '/d.duckdb' } };
    expect(maskTenantSettings(duck)).toBe(duck);
  });

  it('masks the url in a configure audit entry, and leaves other entries alone', () => {
    const entry = {
      action: 'tenant.configure',
      details: { settings: { warehouse: { kind: 'postgres', url: 'postgres://u:pw@db/x' } }, name: 'n' },
    };
    expect(maskWarehouseInAudit(entry).details).toEqual({
      settings: { warehouse: { kind: 'postgres', url: 'postgres://u:***@db/x' } },
      name: 'n',
    });
    const other = { action: 'tenant.create', details: { name: 'n' } };
    expect(maskWarehouseInAudit(other)).toBe(other);
    const none = { action: 'tenant.enable', details: null };
    expect(maskWarehouseInAudit(none)).toBe(none);
  });

  it('asks for read-only sessions searching the schema, keeping options already in the url', () => {
    const plain = parse(readOnlyPostgresUrl('postgres://u:pw@db:5432/shop', 'tenant_a'));
    expect(plain).toMatchObject({ host: 'db', port: '5432', database: 'shop', user: 'u', password: 'pw' });
    expect(plain.options).toBe('-c default_transaction_read_only=on -c search_path="tenant_a",public');

    const socket = parse(
      readOnlyPostgresUrl('postgresql://postgres@/postgres?host=%2Ftmp%2Fpg&port=5433&options=-c%20work_mem%3D64MB'),
    );
    expect(socket).toMatchObject({ host: '/tmp/pg', port: '5433', database: 'postgres' });
    expect(socket.options).toBe('-c work_mem=64MB -c default_transaction_read_only=on');
  });

  it('refuses a schema that is not a plain identifier', () => {
    expect(() => readOnlyPostgresUrl('postgres://db/x', 'a;DROP')).toThrow(/identifier/);
  });
});
