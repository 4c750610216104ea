import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiErrors } from '../dto/error-body.dto';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { BreakdownBodyDto, ExportBodyDto, SegmentBodyDto, SqlBodyDto, WhyBodyDto } from '../dto/segment.dto';
import { AudienceFacade } from './audience.facade';
import { exportFile } from './export-stream';

/** Audience questions about a segment given in the body (not saved). */
@ApiTags('audience')
@ApiSecurity('api-key')
@ApiErrors()
@Controller('v1/segments')
export class AudienceController {
  constructor(private readonly audience: AudienceFacade) {}

  @Post('count')
  @HttpCode(200)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Count the customers in a segment' })
  count(@Body() body: SegmentBodyDto) {
    return this.audience.count(body.segment);
  }

  @Post('breakdown')
  @HttpCode(200)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Break a segment down by a facet' })
  breakdown(@Body() body: BreakdownBodyDto) {
    return this.audience.breakdown(body.segment, body.facet, body.limit);
  }

  @Post('waterfall')
  @HttpCode(200)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Audience size as each top-level condition is added' })
  waterfall(@Body() body: SegmentBodyDto) {
    return this.audience.waterfall(body.segment);
  }

  @Post('why')
  @HttpCode(200)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Why a customer is in or out of a segment, condition by condition' })
  why(@Body() body: WhyBodyDto) {
    return this.audience.why(body.segment, body.customer_id);
  }

  @Post('sql')
  @HttpCode(200)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'The SQL of a segment in a dialect' })
  sql(@Body() body: SqlBodyDto) {
    return this.audience.sql(body.segment, body.dialect, body.select);
  }

  @Post('export')
  @HttpCode(200)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Export the ids (and permitted fields) of a segment as CSV or JSON lines' })
  async export(@Body() body: ExportBodyDto) {
    const fields = this.audience.exportFields(body.fields);
    return exportFile(
      await this.audience.rows(body.segment, fields),
      body.format ?? 'csv',
      ['customer_id', ...fields],
      'audience',
    );
  }
}
