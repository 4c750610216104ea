import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import type { SegmentNode } from '@smartseg/segment-engine';

export class RuleDto {
  @ApiProperty({ example: 'Lapsed customer' })
  @IsString()
  @Length(1, 200)
  label!: string;

  @ApiProperty()
  @IsString()
  @Length(0, 2000)
  description!: string;

  @ApiProperty({ type: [String], example: ['lapsed', 'lapsed customers'] })
  @IsString({ each: true })
  synonyms!: string[];

  @ApiProperty({ description: 'The rule as a segment condition or group', type: 'object', additionalProperties: true })
  @IsObject()
  definition!: SegmentNode;
}

export class FacetPatchDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsString({ each: true })
  synonyms?: string[];
}
