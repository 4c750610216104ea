import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import type { Segment } from '@smartseg/segment-engine';

export class TurnDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'platinum members in Texas' })
  @IsString()
  @Length(1, 2000)
  text!: string;
}

export class FeedbackDto {
  @ApiProperty({ enum: ['confirm', 'correct'] })
  @IsIn(['confirm', 'correct'])
  kind!: 'confirm' | 'correct';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  conversation_id?: string;

  @ApiPropertyOptional({ description: 'Turn number in the conversation (1-based)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  turn?: number;

  @ApiPropertyOptional({ description: 'The request text the feedback is about' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  text?: string;

  @ApiPropertyOptional({ description: "The right segment (for 'correct')", type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  segment?: Segment;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}
