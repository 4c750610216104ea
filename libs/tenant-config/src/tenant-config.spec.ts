import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../../migrations';
import { ApiKeyEntity, TENANT_CONFIG_ENTITIES } from './entities';
import { ApiKeyService, hashApiKey, safeEqual } from './services/api-key.service';
import { AuditService } from './services/audit.service';
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
