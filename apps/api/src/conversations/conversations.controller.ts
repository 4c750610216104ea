import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiErrors } from '../dto/error-body.dto';
import { ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, SmartsegError } from '@smartseg/common/server';
import { toHttpError } from '@smartseg/common/server';
import { Access } from '../auth/access.decorator';
import type { ConversationEntity } from '../database/entities';
import { TurnDto } from '../dto/conversation.dto';
import { ConversationService, type TurnAnswer } from './conversation.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new SmartsegError(ErrorCode.NotFound, 'No such conversation'),
});

export function wantsEventStream(req: FastifyRequest): boolean {
  return /\btext\/event-stream\b/i.test(String(req.headers.accept ?? ''));
}

/**
 * Conversations: each turn runs understand -> verify -> count -> answer. With
 * `Accept: text/event-stream` every step is a server-sent event as it finishes (event names:
 * conversation, understand, [router ... when the model router escalates], verify, count, answer,
 * then done; or error); otherwise one JSON answer.
 */
@ApiTags('conversations')
@ApiSecurity('api-key')
@ApiErrors()
@Controller('v1/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationService) {}

  @Post()
  @Access('tenant', ['viewer'])
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOperation({ summary: 'Start a conversation with a request; answers the first turn' })
  async create(
    @Body() body: TurnDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TurnAnswer | void> {
    // JSON: the conversation and its first turn are written together once answered. A stream
    // names the conversation first, so it is written before the turn runs.
    if (!wantsEventStream(req)) {
      reply.status(201);
      return this.conversations.create(body.text);
    }
    return this.stream(reply, await this.conversations.start(), body.text, 201);
  }

  @Post(':id/turns')
  @Access('tenant', ['viewer'])
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOperation({
    summary: "Add a turn (an edit, a question) to a conversation; the answer is the conversation's new state",
  })
  async turn(
    @Param('id', uuid) id: string,
    @Body() body: TurnDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TurnAnswer | void> {
    if (!wantsEventStream(req)) {
      reply.status(200);
      return this.conversations.turn(id, body.text);
    }
    // 404 before anything streams
    return this.stream(reply, await this.conversations.open(id), body.text, 200);
  }

  @Get(':id')
  @Access('tenant', ['viewer'])
  @ApiOperation({ summary: 'A conversation with every turn' })
  history(@Param('id', uuid) id: string) {
    return this.conversations.history(id);
  }

  private async stream(reply: FastifyReply, conversation: ConversationEntity, text: string, status: number) {
    const id = conversation.id;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = String(v);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(status, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const send = (event: string, data: unknown) => {
      if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    send('conversation', { conversation_id: id });
    try {
      await this.conversations.turn(conversation, text, send);
      send('done', {});
    } catch (e) {
      send('error', toHttpError(e).body);
    } finally {
      raw.end();
    }
  }
}
