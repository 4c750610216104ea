import { ApiDefaultResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '@smartseg/common/server';

export class ProblemDetailDto {
  @ApiProperty({ example: 'where.children[0].facet' })
  path!: string;

  @ApiProperty({ example: "Unknown facet 'shoe_size'" })
  message!: string;

  @ApiPropertyOptional({ example: 'UNKNOWN_FACET' })
  code?: string;
}

/** The one error body of every failure. */
export class ErrorBodyDto {
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode' })
  code!: ErrorCode;

  @ApiProperty({ example: 'The segment is not valid' })
  message!: string;

  @ApiPropertyOptional({
    type: [ProblemDetailDto],
    description: 'Problems with their paths (or an object with more detail)',
  })
  details?: ProblemDetailDto[];
}

/** Documents {code, message, details} as the answer to any failure of the routes it decorates. */
export const ApiErrors = () =>
  ApiDefaultResponse({
    type: ErrorBodyDto,
    description: 'Any failure: {code, message, details}; 429 carries Retry-After',
  });
