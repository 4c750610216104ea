import { randomUUID } from 'node:crypto';
import { ApiErrors } from '../dto/error-body.dto';
import { Body, Controller, Get, Injectable, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { TenantContext } from '@smartseg/common/server';
import { Access } from '../auth/access.decorator';
import { AudienceFacade } from '../audience/audience.facade';
import { ConversationRepository } from '../conversations/conversation.repository';
import { FeedbackEntity } from '../database/entities';
import { FeedbackDto } from '../dto/conversation.dto';

/** Feedback on answers: confirm (it was right) or correct (here is the right segment). Stored per tenant. */
@Injectable()
export class FeedbackService {
  constructor(
    @InjectRepository(FeedbackEntity) private readonly repo: Repository<FeedbackEntity>,
    private readonly conversations: ConversationRepository,
    private readonly audience: AudienceFacade,
  ) {}

  async record(tenantId: string, dto: FeedbackDto, actor: string) {
    if (dto.conversation_id && !(await this.conversations.find(tenantId, dto.conversation_id))) {
      throw new SmartsegError(ErrorCode.NotFound, `No conversation '${dto.conversation_id}'`);
    }
    if (dto.kind === 'correct' && !dto.segment)
      throw new SmartsegError(ErrorCode.BadInput, "A 'correct' feedback needs the right segment", [
        { path: 'segment', message: 'required for correct' },
      ]);
    const segment = dto.segment ? (await this.audience.check(dto.segment)).segment : null;
    const row = await this.repo.save(
      this.repo.create({
        id: randomUUID(),
        tenantId,
        kind: dto.kind,
        conversationId: dto.conversation_id ?? null,
        turnSeq: dto.turn ?? null,
        text: dto.text ?? null,
        segment,
        comment: dto.comment ?? null,
        createdAt: new Date().toISOString(),
        createdBy: actor,
      }),
    );
    return { id: row.id, kind: row.kind, created_at: row.createdAt };
  }

  async list(tenantId: string) {
    const rows = await this.repo.find({ where: { tenantId }, order: { createdAt: 'DESC' }, take: 500 });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      conversation_id: r.conversationId,
      turn: r.turnSeq,
      text: r.text,
      segment: r.segment,
      comment: r.comment,
      created_at: r.createdAt,
      created_by: r.createdBy,
    }));
  }
}

@ApiTags('feedback')
@ApiSecurity('api-key')
@ApiErrors()
@Controller('v1/feedback')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly tenant: TenantContext,
  ) {}

  @Post()
  @Access('tenant', ['editor'])
  @ApiOperation({ summary: 'Confirm an answer or correct it with the right segment' })
  create(@Body() body: FeedbackDto) {
    return this.feedback.record(this.tenant.tenantId, body, this.tenant.actorId);
  }

  @Get()
  @Access('tenant', ['admin'])
  @ApiOperation({ summary: "The tenant's feedback (admin role)" })
  list() {
    return this.feedback.list(this.tenant.tenantId);
  }
}
