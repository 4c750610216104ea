import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../dto/error-body.dto';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { JobQueue } from '@smartseg/queue';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { TenantContext } from '@smartseg/common/server';
import { Access } from '../auth/access.decorator';
import { AudienceFacade } from '../audience/audience.facade';
import { exportFile } from '../audience/export-stream';
import {
  BreakdownQueryDto,
  CreateSegmentDto,
  ExportQueryDto,
  SqlQueryDto,
  UpdateSegmentDto,
  VersionQueryDto,
} from '../dto/segment.dto';
import { SegmentsService } from './segments.service';

class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

class ExportJobDto extends ExportQueryDto {}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new SmartsegError(ErrorCode.NotFound, 'No such segment') });

/** Saved segments: create, list, get, update (a new version), delete; and audience questions about them. */
@ApiTags('segments')
@ApiSecurity('api-key')
@ApiErrors()
@Controller('v1/segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly audience: AudienceFacade,
    private readonly jobs: JobQueue,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Access('tenant', ['editor'])
  @ApiOperation({ summary: 'Save a segment (verified first)' })
  create(@Body() body: CreateSegmentDto) {
    return this.segments.create(body);
  }

  @Get()
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'List saved segments' })
  list(@Query() q: ListQueryDto) {
    return this.segments.list(q.limit, q.offset);
  }

  @Get(':id')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'A saved segment (current version, or ?version=n)' })
  get(@Param('id', uuid) id: string, @Query() q: VersionQueryDto) {
    return this.segments.get(id, q.version);
  }

  @Get(':id/versions')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Every version of a saved segment' })
  versions(@Param('id', uuid) id: string) {
    return this.segments.versions(id);
  }

  @Get(':id/history')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Audit trail of a saved segment (who changed it, when)' })
  history(@Param('id', uuid) id: string) {
    return this.segments.history(id);
  }

  @Put(':id')
  @Access('tenant', ['editor'])
  @ApiOperation({ summary: 'Update a saved segment; a new definition becomes a new version' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateSegmentDto) {
    return this.segments.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('tenant', ['editor'])
  @ApiOperation({ summary: 'Delete a saved segment' })
  async remove(@Param('id', uuid) id: string): Promise<void> {
    await this.segments.remove(id);
  }

  @Get(':id/count')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Count a saved segment' })
  async count(@Param('id', uuid) id: string, @Query() q: VersionQueryDto) {
    const s = await this.segments.get(id, q.version);
    return { id, version: s.version, ...(await this.audience.count(s.segment)) };
  }

  @Get(':id/breakdown')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Break a saved segment down by a facet' })
  async breakdown(@Param('id', uuid) id: string, @Query() q: BreakdownQueryDto) {
    const s = await this.segments.get(id);
    return { id, version: s.version, ...(await this.audience.breakdown(s.segment, q.facet, q.limit)) };
  }

  @Get(':id/waterfall')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Waterfall of a saved segment' })
  async waterfall(@Param('id', uuid) id: string) {
    const s = await this.segments.get(id);
    return { id, version: s.version, ...(await this.audience.waterfall(s.segment)) };
  }

  @Get(':id/why/:customerId')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Why a customer is in or out of a saved segment' })
  async why(@Param('id', uuid) id: string, @Param('customerId', ParseIntPipe) customerId: number) {
    const s = await this.segments.get(id);
    return { id, version: s.version, ...(await this.audience.why(s.segment, customerId)) };
  }

  @Get(':id/sql')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'The SQL of a saved segment in a dialect' })
  async sql(@Param('id', uuid) id: string, @Query() q: SqlQueryDto) {
    const s = await this.segments.get(id);
    return { id, version: s.version, ...(await this.audience.sql(s.segment, q.dialect, q.select)) };
  }

  @Get(':id/export')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Export the ids (and permitted fields) as CSV or JSON lines (streamed)' })
  async export(@Param('id', uuid) id: string, @Query() q: ExportQueryDto) {
    const s = await this.segments.get(id);
    const fields = this.audience.exportFields(q.fields?.split(','));
    return exportFile(
      await this.audience.rows(s.segment, fields),
      q.format ?? 'csv',
      ['customer_id', ...fields],
      `segment-${id}-v${s.version}`,
    );
  }

  @Post(':id/exports')
  @HttpCode(202)
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'Export ids in the background (a job); poll GET /v1/jobs/:id' })
  async exportJob(@Param('id', uuid) id: string, @Body() body: ExportJobDto) {
    const s = await this.segments.get(id);
    const { tenantId, actorId, roles } = this.tenant.principal;
    const job = await this.jobs.enqueue('export.ids', {
      tenantId,
      requestedBy: actorId,
      roles: [...roles],
      segmentId: id,
      version: s.version,
      format: body.format ?? 'csv',
    });
    return { job_id: job.id, status: 'queued' };
  }
}
