import { SmartsegError } from '@smartseg/common';
import { explainSegment, type Segment } from '@smartseg/segment-engine';
import { UnderstandingEngine } from '@smartseg/understanding';
import type { TenantSession } from './cli-context';

/** One answer as spec section 3 writes it (the batch line, less id and timing). */
export interface AskAnswer {
  status: 'segment' | 'clarify' | 'refuse' | 'error';
  segment?: Segment;
  explanation?: string;
  count?: number;
  customer_ids?: number[];
  question?: string;
  options?: { label: string; segment: Segment; count?: number }[];
  reason?: string;
  confidence?: number;
  spans?: unknown[];
  changes?: unknown[];
}

/**
 * Words to an answer for one tenant: the understanding engine reads the request (or the
 * turns of a conversation, each a follow-up on the last segment), the warehouse counts it.
 */
export class AskFlow {
  private readonly engine: UnderstandingEngine;

  constructor(private readonly session: TenantSession) {
    this.engine = new UnderstandingEngine(session.catalog);
  }

  async answer(turns: string[], opts: { withIds?: boolean; count?: boolean } = {}): Promise<AskAnswer> {
    let current: Segment | undefined;
    // the conversation's earlier segments, oldest first ("undo that" goes back to them)
    const previous: Segment[] = [];
    let last: AskAnswer = { status: 'error', reason: 'no request' };
    for (const text of turns) {
      const result = await this.engine.understand(text, {
        asOf: this.session.asOf,
        permissions: this.session.permissions,
        ...(current ? { current, previous: [...previous] } : {}),
      });
      last = this.toAnswer(result);
      if (result.status === 'segment') {
        if (current) previous.push(current);
        current = result.segment;
      }
    }
    if (opts.count !== false) await this.size(last, opts.withIds === true);
    return last;
  }

  private toAnswer(result: Awaited<ReturnType<UnderstandingEngine['understand']>>): AskAnswer {
    switch (result.status) {
      case 'segment':
        return {
          status: 'segment',
          segment: result.segment,
          explanation: explainSegment(result.segment, this.session.catalog).text,
          confidence: result.confidence,
          spans: result.spans,
          ...('changes' in result && result.changes ? { changes: result.changes as unknown[] } : {}),
        };
      case 'clarify':
        return { status: 'clarify', question: result.question, options: result.options.map((o) => ({ ...o })) };
      case 'refuse':
        return { status: 'refuse', reason: result.reason };
      default:
        return { status: 'error', reason: 'unreadable request' };
    }
  }

  private async size(answer: AskAnswer, withIds: boolean): Promise<void> {
    const asOf = this.session.asOf;
    if (answer.status === 'segment' && answer.segment) {
      answer.count = await this.session.audience.count(answer.segment, { asOf });
      if (withIds) answer.customer_ids = await this.session.audience.ids(answer.segment, { asOf });
    }
    if (answer.status === 'clarify' && answer.options) {
      for (const o of answer.options) o.count = await this.session.audience.count(o.segment, { asOf });
    }
  }
}

export function errorAnswer(error: unknown): AskAnswer {
  return { status: 'error', reason: error instanceof SmartsegError ? error.toLine() : 'internal error' };
}
