import type { UnderstandingResult } from '@smartseg/understanding';
import { decideEscalation, refusalCause } from './escalation';

const refuse = (reason: string, missing: string[] = [], extra: object = {}) => ({
  status: 'refuse' as const,
  reason,
  missing,
  nearest: [],
  ...extra,
});

describe('escalation', () => {
  it('a refusal naming a missing concept is lack of data and is never sent', () => {
    const r = refuse('This tenant has no data for "shoe size".', ['shoe size']);
    expect(refusalCause(r)).toBe('data');
    expect(decideEscalation(r, 0.6).escalate).toBe(false);
  });

  it('input refusals (SQL, JSON, code, instructions) are never sent', () => {
    for (const reason of [
      'the request contains SQL; describe the customers in words instead',
      'empty request',
      'the request looks like JSON; describe the customers in words',
    ]) {
      expect(refusalCause(refuse(reason))).toBe('input');
    }
  });

  it('a refusal that names nothing missing is lack of understanding and is sent', () => {
    const d = decideEscalation(refuse('the request does not look like English'), 0.6);
    expect(d).toMatchObject({ escalate: true, task: 'decompose' });
  });

  it('a declared cause wins', () => {
    expect(refusalCause(refuse('x', ['y'], { cause: 'understanding' }))).toBe('understanding');
  });

  it('segments escalate below the threshold only; clarifications and errors stay local', () => {
    const seg = (confidence: number) =>
      ({
        status: 'segment',
        segment: { version: 1, where: { kind: 'birthday', when: 'today' } },
        explanation: { text: '', phrases: [] },
        spans: [],
        confidence,
        notes: [],
      }) as UnderstandingResult;
    expect(decideEscalation(seg(0.59), 0.6)).toMatchObject({ escalate: true, task: 'resolve_ambiguity' });
    expect(decideEscalation(seg(0.6), 0.6).escalate).toBe(false);
    expect(decideEscalation({ status: 'clarify', question: 'q', options: [] }, 0.6).escalate).toBe(false);
    expect(decideEscalation({ status: 'error', code: 'too_long', message: 'm' }, 0.6).escalate).toBe(false);
  });
});
