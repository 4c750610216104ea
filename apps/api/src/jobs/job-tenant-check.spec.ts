import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { isFinalJobError } from '@smartseg/queue';
import { jobTenantCheck } from './job-tenant-check';

describe('jobTenantCheck', () => {
  const tenants = {
    get: async (id: string) => {
      if (id === 'on') return { status: 'active' } as never;
      if (id === 'off') return { status: 'disabled' } as never;
      if (id === 'broken') throw new Error('database down');
      throw new SmartsegError(ErrorCode.NotFound, `No tenant '${id}'`);
    },
  };
  const check = jobTenantCheck(tenants);

  it('lets an active tenant run', async () => {
    await expect(check('on')).resolves.toBeUndefined();
  });

  it('refuses a disabled or unknown tenant with a final (not retried) error', async () => {
    const off = await check('off').catch((e: unknown) => e);
    expect(off).toMatchObject({ code: ErrorCode.Forbidden, message: "Job refused: tenant 'off' is disabled" });
    const ghost = await check('ghost').catch((e: unknown) => e);
    expect(ghost).toMatchObject({ code: ErrorCode.NotFound, message: "Job refused: no tenant 'ghost'" });
    expect([isFinalJobError(off), isFinalJobError(ghost)]).toEqual([true, true]);
  });

  it('lets other failures through as they are (retried: the store may come back)', async () => {
    const e = await check('broken').catch((x: unknown) => x);
    expect(e).toEqual(new Error('database down'));
    expect(isFinalJobError(e)).toBe(false);
  });
});
