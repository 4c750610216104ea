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
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '@smartseg/common/server';

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

export class TenantSettingsDto {
  @ApiPropertyOptional({ type: RateLimitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  rateLimit?: RateLimitDto;

  @ApiPropertyOptional({ description: "Warehouse: {kind:'duckdb', path?}", type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  warehouse?: { kind: 'duckdb'; path?: string };

  @ApiPropertyOptional({ type: [String], description: 'Facets this tenant may never use' })
  @IsOptional()
  @IsString({ each: true })
  restrictedFacets?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Model settings (tier, provider, budget)',
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
