import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import type { JobTenantCheck } from '@smartseg/queue';
import type { TenantService } from '@smartseg/tenant-config';

/**
 * A job runs only for a tenant that exists and is active. Refusals are client errors
 * (NOT_FOUND, FORBIDDEN): the queue fails such a job at once, without retrying it.
 */
export function jobTenantCheck(tenants: Pick<TenantService, 'get'>): JobTenantCheck {
  return async (tenantId: string) => {
    let status: string;
    try {
      status = (await tenants.get(tenantId)).status;
    } catch (e) {
      if (e instanceof SmartsegError && e.code === ErrorCode.NotFound)
        throw new SmartsegError(ErrorCode.NotFound, `Job refused: no tenant '${tenantId}'`);
      throw e;
    }
    if (status !== 'active')
      throw new SmartsegError(ErrorCode.Forbidden, `Job refused: tenant '${tenantId}' is ${status}`);
  };
}
