import { Body, Controller, Delete, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiErrors } from '../dto/error-body.dto';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { TenantContext } from '@smartseg/common/server';
import { Access } from '../auth/access.decorator';
import { FacetPatchDto, RuleDto } from '../dto/catalog.dto';
import { CatalogService } from './catalog.service';

const RULE_ID = /^[a-z][a-z0-9_]{1,63}$/;

/** The tenant's catalog and business rules: read by any key (PII facets only with pii), edited by admins. */
@ApiTags('catalog')
@ApiSecurity('api-key')
@ApiErrors()
@Controller('v1/catalog')
export class CatalogController {
  constructor(
    private readonly catalogs: CatalogService,
    private readonly tenant: TenantContext,
  ) {}

  @Get()
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'The catalog: facets (PII facets only for pii keys), rules, taxonomy, events, models' })
  get() {
    return this.catalogs.forCaller(this.tenant.tenantId, this.tenant.canSeePii);
  }

  @Get('rules')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: "The tenant's business rules" })
  async rules() {
    return (await this.catalogs.forCaller(this.tenant.tenantId, this.tenant.canSeePii)).rules;
  }

  @Put('rules/:ruleId')
  @Access('tenant', ['admin'])
  @ApiOperation({ summary: 'Create or replace a business rule (admin role)' })
  async putRule(@Param('ruleId') ruleId: string, @Body() body: RuleDto) {
    if (!RULE_ID.test(ruleId))
      throw new SmartsegError(ErrorCode.BadInput, 'Rule id must match ^[a-z][a-z0-9_]{1,63}$', [
        { path: 'ruleId', message: 'bad id' },
      ]);
    const c = await this.catalogs.putRule(this.tenant.tenantId, { id: ruleId, ...body }, this.tenant.actorId);
    return { version: c.version, rule: c.rules.find((r) => r.id === ruleId) };
  }

  @Delete('rules/:ruleId')
  @Access('tenant', ['admin'])
  @ApiOperation({ summary: 'Delete a business rule (admin role)' })
  async deleteRule(@Param('ruleId') ruleId: string) {
    const c = await this.catalogs.deleteRule(this.tenant.tenantId, ruleId, this.tenant.actorId);
    return { version: c.version, deleted: ruleId };
  }

  @Patch('facets/:name')
  @Access('tenant', ['admin'])
  @ApiOperation({ summary: "Edit a facet's label, description or synonyms (admin role)" })
  async patchFacet(@Param('name') name: string, @Body() body: FacetPatchDto) {
    const c = await this.catalogs.patchFacet(this.tenant.tenantId, name, body, this.tenant.actorId);
    return { version: c.version, facet: c.facets.find((f) => f.name === name) };
  }
}
