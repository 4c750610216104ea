import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiErrors } from '../dto/error-body.dto';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ModelRouter } from '@smartseg/model-router';
import { SkillRegistry } from '@smartseg/skill-registry';
import {
  ApiKeyService,
  AuditService,
  PromptVersionService,
  TenantService,
  type TenantEntity,
} from '@smartseg/tenant-config';
import { ROLES } from '@smartseg/common/server';
import { Access } from '../auth/access.decorator';
import { ConfigureTenantDto, CreateKeyDto, CreatePromptDto, CreateTenantDto, RateLimitDto } from '../dto/admin.dto';
import { maskTenantSettings as maskWarehouseSettings, maskWarehouseInAudit } from '../warehouse/warehouse-settings';
import { checkTenantModelSettings, maskAuditDetails, maskTenantSettings } from './tenant-model-settings';

const ADMIN = 'admin';

function tenantView(t: TenantEntity) {
  return {
    id: t.id,
    name: t.name,
    status: t.status,
    // model provider keys and warehouse passwords are never shown back
    settings: maskWarehouseSettings(maskTenantSettings(t.settings)),
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export const ROLE_MEANINGS: Record<(typeof ROLES)[number], string> = {
  viewer: 'read: catalog, saved segments, counts, breakdowns, exports of ids, conversations',
  editor: 'viewer + save, update and delete segments; feedback',
  admin: "editor + edit the tenant's catalog and business rules; read feedback",
  pii: 'may see personal data facets and export personal fields (combine with another role)',
};

/** Platform administration with the ADMIN_API_KEY: tenants, keys, roles, rate limits, prompt versions. */
@ApiTags('admin')
@ApiSecurity('admin-key')
@ApiErrors()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly tenants: TenantService,
    private readonly keys: ApiKeyService,
    private readonly prompts: PromptVersionService,
    private readonly audit: AuditService,
    private readonly skills: SkillRegistry,
    private readonly router: ModelRouter,
  ) {}

  @Post('tenants')
  @Access('admin')
  @ApiOperation({ summary: 'Create a tenant' })
  async createTenant(@Body() body: CreateTenantDto) {
    const model = checkTenantModelSettings(this.router, body.id, body.settings?.model);
    const settings = body.settings ? { ...body.settings, ...(model ? { model } : {}) } : undefined;
    if (settings && !model) delete settings.model;
    const created = await this.tenants.create(
      { id: body.id, name: body.name, ...(settings ? { settings } : {}) },
      ADMIN,
    );
    this.router.invalidateTenant(body.id);
    return tenantView(created);
  }

  @Get('tenants')
  @Access('admin')
  @ApiOperation({ summary: 'List tenants' })
  async listTenants() {
    return (await this.tenants.list()).map(tenantView);
  }

  @Get('tenants/:tenantId')
  @Access('admin')
  @ApiOperation({ summary: 'A tenant' })
  async getTenant(@Param('tenantId') tenantId: string) {
    return tenantView(await this.tenants.get(tenantId));
  }

  @Patch('tenants/:tenantId')
  @Access('admin')
  @ApiOperation({
    summary:
      'Configure a tenant (name, settings: rate limits, warehouse, restricted facets, model); a setting set to null is removed',
  })
  async configureTenant(@Param('tenantId') tenantId: string, @Body() body: ConfigureTenantDto) {
    const settings: Record<string, unknown> | undefined = body.settings ? { ...body.settings } : undefined;
    if (settings && settings.model !== undefined) {
      const previous = (await this.tenants.get(tenantId)).settings.model;
      settings.model = checkTenantModelSettings(this.router, tenantId, settings.model, previous);
    }
    const saved = await this.tenants.configure(
      tenantId,
      {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(settings ? { settings } : {}),
      },
      ADMIN,
    );
    this.router.invalidateTenant(tenantId);
    return tenantView(saved);
  }

  @Put('tenants/:tenantId/rate-limits')
  @Access('admin')
  @ApiOperation({ summary: "Set a tenant's rate limits (per key and per tenant, requests per window)" })
  async setRateLimits(@Param('tenantId') tenantId: string, @Body() body: RateLimitDto) {
    return tenantView(await this.tenants.configure(tenantId, { settings: { rateLimit: { ...body } } }, ADMIN));
  }

  @Post('tenants/:tenantId/disable')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Disable a tenant (its keys stop working)' })
  async disable(@Param('tenantId') tenantId: string) {
    return tenantView(await this.tenants.setStatus(tenantId, 'disabled', ADMIN));
  }

  @Post('tenants/:tenantId/enable')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Enable a disabled tenant' })
  async enable(@Param('tenantId') tenantId: string) {
    return tenantView(await this.tenants.setStatus(tenantId, 'active', ADMIN));
  }

  @Get('tenants/:tenantId/audit')
  @Access('admin')
  @ApiOperation({ summary: "A tenant's audit trail" })
  async auditTrail(@Param('tenantId') tenantId: string) {
    return (await this.audit.list(tenantId, { limit: 500 })).map((e) => maskWarehouseInAudit(maskAuditDetails(e)));
  }

  @Post('tenants/:tenantId/keys')
  @Access('admin')
  @ApiOperation({ summary: 'Create an API key; the key is shown in this answer only' })
  async createKey(@Param('tenantId') tenantId: string, @Body() body: CreateKeyDto) {
    const { key, record } = await this.keys.create(tenantId, { name: body.name, roles: body.roles }, ADMIN);
    return { ...record, key, note: 'Store this key now: it is not shown again.' };
  }

  @Get('tenants/:tenantId/keys')
  @Access('admin')
  @ApiOperation({ summary: "A tenant's keys (never the secrets)" })
  listKeys(@Param('tenantId') tenantId: string) {
    return this.keys.list(tenantId);
  }

  @Delete('tenants/:tenantId/keys/:keyId')
  @Access('admin')
  @ApiOperation({ summary: 'Revoke a key' })
  revokeKey(@Param('tenantId') tenantId: string, @Param('keyId') keyId: string) {
    return this.keys.revoke(tenantId, keyId, ADMIN);
  }

  @Get('roles')
  @Access('admin')
  @ApiOperation({ summary: 'The roles a key may hold' })
  roles() {
    return ROLES.map((role) => ({ role, meaning: ROLE_MEANINGS[role] }));
  }

  @Get('skills')
  @Access('admin')
  @ApiOperation({ summary: 'Loaded skills (from skills/<id>/SKILL.md)' })
  listSkills() {
    return this.skills.list().map(({ id, version, description, trigger }) => ({ id, version, description, trigger }));
  }

  @Post('skills/:skillId/prompts')
  @Access('admin')
  @ApiOperation({ summary: 'Create a prompt version for a skill (optionally activate it)' })
  createPrompt(@Param('skillId') skillId: string, @Body() body: CreatePromptDto) {
    return this.prompts.create(
      skillId,
      {
        template: body.template,
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        ...(body.activate !== undefined ? { activate: body.activate } : {}),
      },
      ADMIN,
    );
  }

  @Get('skills/:skillId/prompts')
  @Access('admin')
  @ApiOperation({ summary: "A skill's prompt versions" })
  listPrompts(@Param('skillId') skillId: string) {
    return this.prompts.list(skillId);
  }

  @Post('skills/:skillId/prompts/:version/activate')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Activate a prompt version' })
  activatePrompt(@Param('skillId') skillId: string, @Param('version', ParseIntPipe) version: number) {
    return this.prompts.activate(skillId, version, ADMIN);
  }

  @Post('skills/:skillId/prompts/rollback')
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({ summary: 'Roll back to the previously active prompt version' })
  rollbackPrompt(@Param('skillId') skillId: string) {
    return this.prompts.rollback(skillId, ADMIN);
  }
}
