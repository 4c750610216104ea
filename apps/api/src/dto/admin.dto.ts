import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  NotContains,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ROLES, type Role } from '@smartseg/common/server';
import type { TenantWarehouseSettings } from '@smartseg/tenant-config';

export class RateLimitDto {
  @ApiPropertyOptional({ description: 'Requests per window for each key', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  perKey?: number;

  @ApiPropertyOptional({ description: "Requests per window for the tenant's keys together", minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  perTenant?: number;
}

export const WAREHOUSE_KINDS = ['duckdb', 'postgres'] as const;

/** A warehouse field that belongs to one kind only (`path` to duckdb; `url`, `schema` to postgres). */
@ValidatorConstraint({ name: 'warehouseKind' })
class OnlyForWarehouseKind implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as { kind?: unknown }).kind === args.constraints[0];
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} applies to a ${String(args.constraints[0])} warehouse only`;
  }
}

/**
 * Where a tenant's customer data lives. Messages name the field and never echo the url (a secret:
 * responses show it masked).
 */
export class WarehouseSettingsDto {
  @ApiProperty({ enum: WAREHOUSE_KINDS })
  @IsIn(WAREHOUSE_KINDS, { message: "kind must be 'duckdb' or 'postgres'" })
  kind!: (typeof WAREHOUSE_KINDS)[number];

  @ApiPropertyOptional({ description: "kind 'duckdb': the file (default $SMARTSEG_HOME/warehouses/<tenant>.duckdb)" })
  @ValidateIf((o: WarehouseSettingsDto) => o.path !== undefined)
  @IsString({ message: 'path must be a file path' })
  @Length(1, 4096, { message: 'path must be 1-4096 characters' })
  @Validate(OnlyForWarehouseKind, ['duckdb'])
  path?: string;

  @ApiPropertyOptional({
    description: "kind 'postgres' (required): postgres[ql]://user:password@host:port/database (a secret: shown masked)",
  })
  @ValidateIf((o: WarehouseSettingsDto) => o.kind === 'postgres' || o.url !== undefined)
  @IsString({ message: 'url must be a postgres:// or postgresql:// URL' })
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'url must be a postgres:// or postgresql:// URL' })
  @Length(1, 2048, { message: 'url must be at most 2048 characters' })
  @NotContains('***', { message: 'url must be the whole url, not the masked one shown back' })
  @Validate(OnlyForWarehouseKind, ['postgres'])
  url?: string;

  @ApiPropertyOptional({ description: "kind 'postgres': the schema of the tables (default: public)" })
  @ValidateIf((o: WarehouseSettingsDto) => o.schema !== undefined)
  @IsString({ message: 'schema must be a plain SQL identifier (letters, digits, _)' })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, { message: 'schema must be a plain SQL identifier (letters, digits, _)' })
  @Validate(OnlyForWarehouseKind, ['postgres'])
  schema?: string;
}

export class TenantSettingsDto {
  @ApiPropertyOptional({ type: RateLimitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  rateLimit?: RateLimitDto;

  @ApiPropertyOptional({
    type: WarehouseSettingsDto,
    description: "Warehouse: {kind:'duckdb', path?} (the default) or {kind:'postgres', url, schema?}",
  })
  @IsOptional()
  @IsObject({ message: 'warehouse must be an object' })
  @ValidateNested()
  @Type(() => WarehouseSettingsDto)
  warehouse?: TenantWarehouseSettings;

  @ApiPropertyOptional({ type: [String], description: 'Facets this tenant may never use' })
  @IsOptional()
  @IsString({ each: true })
  restrictedFacets?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "The tenant's model-router settings, replaced as a whole (null removes them), checked by the router " +
      '(a bad field is a 400 BAD_INPUT naming it, e.g. settings.model.tiers.standard[0].model): enabled, ' +
      'confidenceThreshold, maxImprovements, budgetUsdPerMonth (USD per month), maxTokens, temperature, ' +
      'tiers {tier: [{provider, model, maxTokens?, temperature?}]}, tasks {task: tier}, ' +
      'providers {id: {apiKey?, baseUrl?}}, prices {model: {input, output, cached?}} (USD per million tokens). ' +
      'Keys are shown masked; a masked key sent back keeps the stored key.',
    example: {
      budgetUsdPerMonth: 20,
      tiers: { standard: [{ provider: 'openai', model: 'gpt-4.1-mini', maxTokens: 800 }] },
      providers: { openai: { apiKey: 'sk-…', baseUrl: 'https://api.openai.com/v1' } },
    },
  })
  @IsOptional()
  @IsObject()
  model?: Record<string, unknown>;
}

export class CreateTenantDto {
  @ApiProperty({ example: 'acme', pattern: '^[a-z0-9][a-z0-9_-]{1,63}$' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{1,63}$/, { message: 'id must be 2-64 characters of a-z, 0-9, - and _' })
  id!: string;

  @ApiProperty({ example: 'Acme Retail' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: TenantSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantSettingsDto)
  settings?: TenantSettingsDto;
}

export class ConfigureTenantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: TenantSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantSettingsDto)
  settings?: TenantSettingsDto;
}

export class CreateKeyDto {
  @ApiProperty({ example: 'marketing dashboard' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['editor'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ROLES as unknown as Role[], { each: true })
  roles!: Role[];
}

export class CreatePromptDto {
  @ApiProperty({ description: 'The prompt template' })
  @IsString()
  @Length(1, 100_000)
  template!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  notes?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}
