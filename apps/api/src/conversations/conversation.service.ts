import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { ErrorCode, SmartsegError, type ErrorBody } from '@smartseg/common/server';
import type { Segment } from '@smartseg/segment-engine';
import { SkillRegistry } from '@smartseg/skill-registry';
import { toHttpError } from '@smartseg/common/server';
import { TenantContext } from '@smartseg/common/server';
import { AudienceFacade } from '../audience/audience.facade';
import {
  AudiencePort,
  SegmentExplainer,
  SegmentVerifier,
  Understander,
  type UnderstandStep,
} from '../engine/engine.ports';
import { METRIC } from '../metrics/metrics.module';
import { TenantWarehouses } from '../warehouse/tenant-warehouses.service';
import type { ConversationEntity } from '../database/entities';
import { ConversationRepository } from './conversation.repository';

/** `router`: one model-router step, only when the router escalated (between understand and verify). */
export type TurnStep = 'understand' | 'router' | 'verify' | 'count' | 'answer';
export type StepSink = (step: TurnStep, data: Record<string, unknown>) => void;

export interface TurnAnswer {
  conversation_id: string;
  turn: number;
  skill: string;
  status: 'segment' | 'clarify' | 'refuse' | 'error';
  segment?: Segment;
  explanation?: string;
  count?: number | null;
  count_error?: ErrorBody;
  question?: string;
  options?: { label: string; segment: Segment }[];
  reason?: string;
  nearest?: string[];
  problems?: unknown[];
  warnings?: unknown[];
  /** Who understood the request: `local` or `provider:model` (libs/model-router). */
  answered_by?: string;
  /** Notices from the router (budget reached, models unavailable, ...). */
  notes?: string[];
  as_of?: string;
  elapsed_ms: number;
}

/**
 * One conversation turn: route to a skill, understand, verify, count, answer. Each step is
 * reported to `emit` as it finishes (the controller turns them into SSE events).
 */
@Injectable()
export class ConversationService {
  constructor(
    private readonly tenant: TenantContext,
    private readonly repo: ConversationRepository,
    private readonly skills: SkillRegistry,
    private readonly understander: Understander,
    private readonly verifier: SegmentVerifier,
    private readonly explainer: SegmentExplainer,
    private readonly audience: AudiencePort,
    private readonly facade: AudienceFacade,
    private readonly warehouses: TenantWarehouses,
    @InjectMetric(METRIC.agentRequests) private readonly requests: Counter<string>,
    @InjectMetric(METRIC.agentLatency) private readonly latency: Histogram<string>,
  ) {}

  /** Writes a new, empty conversation (the streaming create: its id is sent before the first turn). */
  async start(): Promise<ConversationEntity> {
    const { tenantId, actorId } = this.tenant.principal;
    return this.repo.create(tenantId, actorId);
  }

  /**
   * A new conversation and its first turn, written together in one transaction once the turn is
   * answered (nobody knows the id before the answer, so nothing is written before it).
   */
  async create(text: string, emit: StepSink = () => undefined): Promise<TurnAnswer> {
    const { tenantId, actorId } = this.tenant.principal;
    return this.answer(this.repo.draft(tenantId, actorId), text, emit, true);
  }

  /** The tenant's conversation; 404 when it has none with that id. */
  async open(id: string): Promise<ConversationEntity> {
    const c = await this.repo.find(this.tenant.tenantId, id);
    if (!c) throw new SmartsegError(ErrorCode.NotFound, `No conversation '${id}'`);
    return c;
  }

  async history(id: string) {
    const tenantId = this.tenant.tenantId;
    const c = await this.repo.find(tenantId, id);
    if (!c) throw new SmartsegError(ErrorCode.NotFound, `No conversation '${id}'`);
    const turns = await this.repo.turns(tenantId, id);
    return {
      id: c.id,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      current_segment: c.currentSegment,
      turns: turns.map((t) => ({
        turn: t.seq,
        text: t.text,
        skill: t.skill,
        status: t.status,
        created_at: t.createdAt,
        elapsed_ms: t.elapsedMs,
        ...t.result,
      })),
    };
  }

  /** A turn on an existing conversation (its id, or its row when the caller has just read or written it). */
  async turn(
    conversation: string | ConversationEntity,
    text: string,
    emit: StepSink = () => undefined,
  ): Promise<TurnAnswer> {
    const c = typeof conversation === 'string' ? await this.open(conversation) : conversation;
    return this.answer(c, text, emit, false);
  }

  /** The segments earlier turns produced, oldest first, without the last (the current one): for "undo". */
  private async previousSegments(tenantId: string, conversationId: string): Promise<Segment[]> {
    const turns = await this.repo.turns(tenantId, conversationId);
    const segments = turns
      .map((t) => (t.status === 'segment' ? (t.result as { segment?: Segment }).segment : undefined))
      .filter((x): x is Segment => !!x);
    return segments.slice(0, -1);
  }

  private async answer(
    conversation: ConversationEntity,
    text: string,
    emit: StepSink,
    isNew: boolean,
  ): Promise<TurnAnswer> {
    const started = Date.now();
    const { tenantId, actorId } = this.tenant.principal;
    const conversationId = conversation.id;
    const current = conversation.currentSegment ?? undefined;
    const route = this.skills.route(text, { hasCurrent: current !== undefined });
    const skill = route.skill.id;
    // The tenant's row once for the whole turn (restricted facets, warehouse settings).
    const tenant = await this.facade.currentTenant();
    const catalog = await this.facade.catalog(tenant);
    const permissions = { pii: this.tenant.canSeePii };
    const base = { conversation_id: conversationId, skill, as_of: catalog.as_of };
    let answer: Omit<TurnAnswer, 'turn' | 'elapsed_ms'>;
    let nextSegment: Segment | null | undefined;

    // 1. understand
    let proposed: Segment | undefined;
    let provenance: Pick<TurnAnswer, 'answered_by' | 'notes'> = {};
    if (skill === 'explain_segment' && current) {
      proposed = current;
      emit('understand', { skill, matched: route.matched, status: 'segment', segment: current });
    } else {
      // The router's steps (only reported when it escalates) follow the understand event.
      const routerSteps: UnderstandStep[] = [];
      const editing = skill !== 'create_segment' && current !== undefined;
      const previous = editing && !isNew ? await this.previousSegments(tenantId, conversationId) : [];
      const understood = await this.understander.understand(text, {
        tenantId,
        catalog,
        asOf: catalog.as_of,
        permissions,
        ...(editing ? { current } : {}),
        ...(previous.length ? { previous } : {}),
        onStep: (s) => routerSteps.push(s),
      });
      emit('understand', { skill, matched: route.matched, ...understood });
      for (const s of routerSteps) emit('router', s);
      provenance = {
        ...(understood.answered_by ? { answered_by: understood.answered_by } : {}),
        ...(understood.notes?.length ? { notes: understood.notes } : {}),
      };
      if (understood.status === 'segment') proposed = understood.segment;
      else if (understood.status === 'clarify')
        answer = {
          ...base,
          status: 'clarify',
          question: understood.question,
          options: understood.options,
          ...provenance,
        };
      else
        answer = {
          ...base,
          ...provenance,
          status: 'refuse',
          reason: understood.reason,
          ...(understood.nearest ? { nearest: understood.nearest } : {}),
        };
    }

    if (proposed) {
      // 2. verify
      const verified = this.verifier.verify(proposed, { catalog, permissions, asOf: catalog.as_of });
      emit(
        'verify',
        verified.ok
          ? { ok: true, warnings: verified.warnings }
          : { ok: false, problems: verified.problems, warnings: verified.warnings },
      );
      if (!verified.ok) {
        answer = { ...base, ...provenance, status: 'error', segment: proposed, problems: verified.problems };
      } else {
        // 3. count
        let count: number | null = null;
        let countError: ErrorBody | undefined;
        const countStarted = Date.now();
        try {
          const connection = await this.warehouses.connection(tenantId, tenant);
          count = await this.audience.count({ connection, catalog, asOf: catalog.as_of }, verified.segment);
        } catch (e) {
          countError = toHttpError(e).body;
        }
        emit(
          'count',
          countError ? { count: null, error: countError } : { count, elapsed_ms: Date.now() - countStarted },
        );
        nextSegment = verified.segment;
        answer = {
          ...base,
          status: 'segment',
          segment: verified.segment,
          explanation: this.explainer.explain(verified.segment, catalog),
          count,
          ...(countError ? { count_error: countError } : {}),
          ...(verified.warnings.length ? { warnings: verified.warnings } : {}),
          ...provenance,
        };
      }
    }

    const elapsed = Date.now() - started;
    const { conversation_id: _c, ...stored } = answer!;
    void _c;
    const row = await this.repo.addTurn(
      tenantId,
      conversationId,
      {
        text,
        skill,
        status: answer!.status,
        result: stored as Record<string, unknown>,
        elapsedMs: elapsed,
        actor: actorId,
      },
      nextSegment,
      isNew ? { create: conversation } : {},
    );
    const final: TurnAnswer = { ...answer!, turn: row.seq, elapsed_ms: elapsed };
    // 4. answer
    emit('answer', final as unknown as Record<string, unknown>);
    this.requests.inc({ tenant_id: tenantId, skill, status: final.status });
    this.latency.observe({ tenant_id: tenantId, skill }, elapsed / 1000);
    return final;
  }
}
