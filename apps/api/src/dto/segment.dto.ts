import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { Segment } from '@smartseg/segment-engine';
import { SQL_DIALECTS, type SqlDialect } from '../engine/engine.ports';

const SEGMENT_DOC = {
  description: 'A segment in the typed model of libs/segment-engine: {version: 1, where: <condition or group>}',
  example: {
    version: 1,
    where: { kind: 'and', children: [{ kind: 'attribute', facet: 'state', op: 'eq', value: 'TX' }] },
  },
  type: 'object' as const,
  additionalProperties: true,
};

export class SegmentBodyDto {
  @ApiProperty(SEGMENT_DOC)
  @IsObject()
  segment!: Segment;
}

export class CreateSegmentDto extends SegmentBodyDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ApiPropertyOptional(SEGMENT_DOC)
  @IsOptional()
  @IsObject()
  segment?: Segment;
}

export class BreakdownBodyDto extends SegmentBodyDto {
  @ApiProperty({ description: 'Facet to group by (a column facet)', example: 'state' })
  @IsString()
  @Length(1, 100)
  facet!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class WhyBodyDto extends SegmentBodyDto {
  @ApiProperty({ example: 42 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  customer_id!: number;
}

export class SqlBodyDto extends SegmentBodyDto {
  @ApiProperty({ enum: SQL_DIALECTS })
  @IsIn(SQL_DIALECTS as SqlDialect[])
  dialect!: SqlDialect;

  @ApiPropertyOptional({ enum: ['count', 'ids'], default: 'ids' })
  @IsOptional()
  @IsIn(['count', 'ids'])
  select?: 'count' | 'ids';
}

export class ExportBodyDto extends SegmentBodyDto {
  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'])
  format?: 'csv' | 'jsonl';

  @ApiPropertyOptional({
    description: 'Extra customer columns; personal data (email, names, phone, zip, birth_date) needs the pii role',
    type: [String],
  })
  @IsOptional()
  @IsString({ each: true })
  fields?: string[];
}

export class BreakdownQueryDto {
  @ApiProperty({ example: 'state' })
  @IsString()
  @Length(1, 100)
  facet!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'])
  format?: 'csv' | 'jsonl';

  @ApiPropertyOptional({
    description: 'Comma-separated extra customer columns (PII needs the pii role)',
    example: 'state,loyalty_tier',
  })
  @IsOptional()
  @IsString()
  fields?: string;
}

export class SqlQueryDto {
  @ApiProperty({ enum: SQL_DIALECTS })
  @IsIn(SQL_DIALECTS as SqlDialect[])
  dialect!: SqlDialect;

  @ApiPropertyOptional({ enum: ['count', 'ids'] })
  @IsOptional()
  @IsIn(['count', 'ids'])
  select?: 'count' | 'ids';
}

export class VersionQueryDto {
  @ApiPropertyOptional({ description: 'A past version (default: current)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
