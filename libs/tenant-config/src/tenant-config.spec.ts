import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../../migrations';
import { ApiKeyEntity, TenantEntity, TENANT_CONFIG_ENTITIES } from './entities';
import { ApiKeyService, hashApiKey, safeEqual } from './services/api-key.service';
import { AuditService } from './services/audit.service';
import { AUTH_CACHE_TTL_MS, AuthCache } from './services/auth-cache';
import { PromptVersionService } from './services/prompt-version.service';
import { TenantService } from './services/tenant.service';
import { TenantConfigModule } from './tenant-config.module';

const PEPPER = 'unit-test-pepper-0123456789';

describe('tenant-config', () => {
  let ref: TestingModule;
  let tenants: TenantService;
  let keys: ApiKeyService;
  let prompts: PromptVersionService;
  let audit: AuditService;

  beforeAll(async () => {
    ref = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          type: 'better-sqlite3',
          database: ':memory:',
          entities: TENANT_CONFIG_ENTITIES,
          migrations: SQLITE_MIGRATIONS,
          migrationsRun: true,
          synchronize: false,
        }),
        TenantConfigModule.forRoot({ pepper: PEPPER }),
      ],
    }).compile();
    tenants = ref.get(TenantService);
    keys = ref.get(ApiKeyService);
    prompts = ref.get(PromptVersionService);
    audit = ref.get(AuditService);
  });
  afterAll(async () => ref?.close());

  it('creates, configures, disables tenants, auditing each change', async () => {
    await tenants.create({ id: 'acme', name: 'Acme' }, 'admin');
    await expect(tenants.create({ id: 'acme', name: 'again' }, 'admin')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(tenants.create({ id: 'Bad Id', name: 'x' }, 'admin')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const t = await tenants.configure(
      'acme',
      { settings: { rateLimit: { perKey: 5 }, restrictedFacets: ['zip'] } },
      'admin',
    );
    expect(t.settings).toEqual({ rateLimit: { perKey: 5 }, restrictedFacets: ['zip'] });
    expect((await tenants.configure('acme', { settings: { restrictedFacets: null } }, 'admin')).settings).toEqual({
      rateLimit: { perKey: 5 },
    });
    expect((await tenants.setStatus('acme', 'disabled', 'admin')).status).toBe('disabled');
    await tenants.setStatus('acme', 'active', 'admin');
    const actions = (await audit.list('acme')).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['tenant.create', 'tenant.configure', 'tenant.disable', 'tenant.enable']),
    );
  });

  it('stores keys only as HMAC-SHA256 with the pepper, shows them once, and revokes them', async () => {
    const { key, record } = await keys.create('acme', { name: 'k', roles: ['editor', 'pii'] }, 'admin');
    expect(key).toMatch(/^ssk_[A-Za-z0-9_-]{40}$/);
    const row = await ref.get(DataSource).getRepository(ApiKeyEntity).findOneByOrFail({ id: record.id });
    expect(row.keyHash).toBe(hashApiKey(key, PEPPER));
    expect(row.keyHash).not.toContain(key);
    expect(JSON.stringify(await keys.list('acme'))).not.toContain(key);
    expect((await keys.authenticate(key))?.key.roles).toEqual(['editor', 'pii']);
    expect(await keys.authenticate(`${key}x`)).toBeUndefined();
    expect(await keys.authenticate('not-a-key')).toBeUndefined();
    await tenants.setStatus('acme', 'disabled', 'admin');
    expect(await keys.authenticate(key)).toBeUndefined();
    await tenants.setStatus('acme', 'active', 'admin');
    await keys.revoke('acme', record.id, 'admin');
    expect(await keys.authenticate(key)).toBeUndefined();
    await expect(keys.revoke('other', record.id, 'admin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(keys.create('acme', { name: 'k', roles: ['root' as never] }, 'admin')).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(keys.create('ghost', { name: 'k', roles: ['viewer'] }, 'admin')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  describe('the cache of verified keys', () => {
    let cache: AuthCache;
    let clock: number;
    const ds = () => ref.get(DataSource);
    beforeEach(() => {
      cache = ref.get(AuthCache);
      cache.clear();
      clock = 1_000_000;
      cache.now = () => clock;
    });
    afterEach(() => {
      cache.now = Date.now;
    });

    it('answers a verified key from memory until the TTL, then reads it again', async () => {
      await tenants.create({ id: 'cached', name: 'Cached' }, 'admin');
      const { key, record } = await keys.create('cached', { name: 'k', roles: ['viewer'] }, 'admin');
      expect((await keys.authenticate(key))?.key.id).toBe(record.id);
      expect(cache.size).toBe(1);
      // A change written by another process (straight to the database here) is not seen within the TTL ...
      await ds().getRepository(ApiKeyEntity).update({ id: record.id }, { revokedAt: new Date().toISOString() });
      expect((await keys.authenticate(key))?.key.id).toBe(record.id);
      // ... and is seen once it has passed.
      clock += AUTH_CACHE_TTL_MS;
      expect(await keys.authenticate(key)).toBeUndefined();
      expect(cache.size).toBe(0);
      // Unknown keys are not kept.
      expect(await keys.authenticate(`${key}x`)).toBeUndefined();
      expect(cache.size).toBe(0);
    });

    it('drops a key at once when it is revoked in this process', async () => {
      await tenants.create({ id: 'revoking', name: 'Revoking' }, 'admin');
      const a = await keys.create('revoking', { name: 'a', roles: ['viewer'] }, 'admin');
      const b = await keys.create('revoking', { name: 'b', roles: ['viewer'] }, 'admin');
      expect(await keys.authenticate(a.key)).toBeDefined();
      expect(await keys.authenticate(b.key)).toBeDefined();
      await keys.revoke('revoking', a.record.id, 'admin');
      expect(await keys.authenticate(a.key)).toBeUndefined();
      expect(cache.get(hashApiKey(b.key, PEPPER))).toBeDefined(); // the tenant's other keys stay
    });

    it("drops a tenant's keys at once when the tenant is disabled or reconfigured", async () => {
      await tenants.create({ id: 'disabling', name: 'Disabling' }, 'admin');
      const { key } = await keys.create('disabling', { name: 'k', roles: ['viewer'] }, 'admin');
      expect((await keys.authenticate(key))?.tenant.settings).toEqual({});
      await tenants.configure('disabling', { settings: { restrictedFacets: ['zip'] } }, 'admin');
      expect((await keys.authenticate(key))?.tenant.settings).toEqual({ restrictedFacets: ['zip'] });
      await tenants.setStatus('disabling', 'disabled', 'admin');
      expect(await keys.authenticate(key)).toBeUndefined();
      await tenants.setStatus('disabling', 'active', 'admin');
      expect(await keys.authenticate(key)).toBeDefined();
    });

    it('does not keep an answer read before a revocation that finished first', async () => {
      await tenants.create({ id: 'racing', name: 'Racing' }, 'admin');
      const { key, record } = await keys.create('racing', { name: 'k', roles: ['viewer'] }, 'admin');
      const tenantsRepo = ds().getRepository(TenantEntity);
      const read = tenantsRepo.findOneBy.bind(tenantsRepo);
      // The revocation lands between the key's read and the tenant's read.
      const spy = jest.spyOn(tenantsRepo, 'findOneBy').mockImplementationOnce(async (where) => {
        await keys.revoke('racing', record.id, 'admin');
        return read(where);
      });
      try {
        expect(await keys.authenticate(key)).toBeDefined(); // the read began before the revocation
      } finally {
        spy.mockRestore();
      }
      expect(cache.size).toBe(0);
      expect(await keys.authenticate(key)).toBeUndefined();
    });
  });

  it('versions prompts per skill: create, activate, roll back', async () => {
    const v1 = await prompts.create('create_segment', { template: 'v1', activate: true }, 'admin');
    const v2 = await prompts.create('create_segment', { template: 'v2' }, 'admin');
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await prompts.active('create_segment'))?.version).toBe(1);
    await prompts.activate('create_segment', 2, 'admin');
    expect((await prompts.active('create_segment'))?.template).toBe('v2');
    expect((await prompts.list('create_segment')).filter((p) => p.active)).toHaveLength(1);
    expect((await prompts.rollback('create_segment', 'admin')).version).toBe(1);
    expect((await prompts.active('create_segment'))?.template).toBe('v1');
    await expect(prompts.activate('create_segment', 9, 'admin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(prompts.rollback('edit_segment', 'admin')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('compares secrets in constant time', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('replaces provider keys and warehouse URLs, keeps the rest', () => {
    const { redactSecrets } =
      jest.requireActual<typeof import('./services/tenant.service')>('./services/tenant.service');
    const out = redactSecrets({
      settings: {
        warehouse: { kind: 'postgres', url: 'postgres://u:secret@h/db', schema: 's' },
        model: { providers: { openai: { apiKey: 'sk-123', baseUrl: 'http://x' } }, enabled: true },
      },
    });
    expect(JSON.stringify(out)).not.toContain('secret@');
    expect(JSON.stringify(out)).not.toContain('sk-123');
    expect(out).toEqual({
      settings: {
        warehouse: { kind: 'postgres', url: '[redacted]', schema: 's' },
        model: { providers: { openai: { apiKey: '[redacted]', baseUrl: 'http://x' } }, enabled: true },
      },
    });
  });
});
