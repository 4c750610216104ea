import { Controller, Get, Param } from '@nestjs/common';
import { ApiErrors } from '../dto/error-body.dto';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { JobQueue } from '@smartseg/queue';
import { TenantContext } from '@smartseg/common/server';
import { Access } from './access.decorator';

@ApiTags('tenant')
@ApiSecurity('api-key')
@ApiErrors()
@Controller('v1')
export class MeController {
  constructor(
    private readonly tenant: TenantContext,
    private readonly jobs: JobQueue,
  ) {}

  @Get('me')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Who this key is: tenant, key id and roles' })
  me() {
    const p = this.tenant.principal;
    return { tenant_id: p.tenantId, key_id: p.actorId, roles: p.roles };
  }

  @Get('jobs/:id')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: "A background job of this tenant (another tenant's job is 404)" })
  async job(@Param('id') id: string) {
    const job = await this.jobs.get(this.tenant.tenantId, id);
    if (!job) throw new SmartsegError(ErrorCode.NotFound, `No job '${id}'`);
    return job;
  }
}
