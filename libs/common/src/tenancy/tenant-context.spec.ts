import { ClsService, ClsServiceManager } from 'nestjs-cls';
import { hasRole, TenantContext } from './tenant-context';

describe('TenantContext', () => {
  const cls: ClsService = ClsServiceManager.getClsService();
  const ctx = new TenantContext(cls);

  it('throws when no tenant is in context (outside a request)', () => {
    expect(() => ctx.tenantId).toThrow(/No tenant in context/);
    expect(ctx.peek()).toBeUndefined();
  });

  it('throws inside a context where no tenant was set', () => {
    cls.run(() => expect(() => ctx.principal).toThrow(/No tenant in context/));
  });

  it('holds the principal for the context it was set in, and only there', async () => {
    await ctx.run({ tenantId: 'a', actorId: 'k1', roles: ['viewer'] }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(ctx.tenantId).toBe('a');
      expect(ctx.canSeePii).toBe(false);
      await ctx.run({ tenantId: 'b', actorId: 'k2', roles: ['editor', 'pii'] }, async () => {
        expect(ctx.tenantId).toBe('b');
        expect(ctx.canSeePii).toBe(true);
      });
      expect(ctx.tenantId).toBe('a');
    });
    expect(() => ctx.tenantId).toThrow();
  });

  it('ranks roles: admin > editor > viewer; pii only by itself', () => {
    expect(hasRole(['admin'], 'viewer')).toBe(true);
    expect(hasRole(['editor'], 'admin')).toBe(false);
    expect(hasRole(['viewer'], 'editor')).toBe(false);
    expect(hasRole(['admin'], 'pii')).toBe(false);
    expect(hasRole(['pii'], 'viewer')).toBe(false);
    expect(hasRole(['viewer', 'pii'], 'pii')).toBe(true);
  });
});
