import type { RefuseResult, UnderstandingResult } from '@smartseg/understanding';

/**
 * Why the local engine refused:
 * - `data`: the request asks for something the tenant does not have (a missing concept);
 *   a model cannot add data, so it is never sent.
 * - `input`: the input is not a description of customers (empty, SQL, JSON, code, instructions).
 * - `understanding`: the engine could not read the words; a model may.
 * The engine's result does not (yet) say which; when it does (`cause`), that wins. Otherwise a
 * refusal that names a missing concept is `data`.
 */
export type RefusalCause = 'understanding' | 'data' | 'input';

const INPUT_REASONS =
  /empty request|no words to read|looks like JSON|contains SQL|contains code|instructions to the system|personal data/i;

export function refusalCause(r: RefuseResult): RefusalCause {
  const declared = (r as RefuseResult & { cause?: unknown }).cause;
  if (declared === 'understanding' || declared === 'data' || declared === 'input') return declared;
  if (INPUT_REASONS.test(r.reason)) return 'input';
  if (r.missing.length > 0) return 'data';
  return 'understanding';
}

export type EscalationDecision =
  { escalate: true; reason: string; task: 'decompose' | 'resolve_ambiguity' } | { escalate: false; reason: string };

/** Whether a local answer goes to a model: only refusals for lack of understanding, and segments below the threshold. */
export function decideEscalation(local: UnderstandingResult, threshold: number): EscalationDecision {
  switch (local.status) {
    case 'segment':
      return local.confidence < threshold
        ? {
            escalate: true,
            reason: `local confidence ${local.confidence} is below ${threshold}`,
            task: 'resolve_ambiguity',
          }
        : { escalate: false, reason: `local confidence ${local.confidence}` };
    case 'clarify':
      return { escalate: false, reason: 'the local engine asks a clarifying question' };
    case 'error':
      return { escalate: false, reason: `the request cannot be read (${local.code})` };
    case 'refuse': {
      const cause = refusalCause(local);
      if (cause === 'understanding')
        return { escalate: true, reason: 'the local engine could not read the request', task: 'decompose' };
      return {
        escalate: false,
        reason:
          cause === 'data'
            ? 'refused for lack of data (a model cannot add data)'
            : 'the input is not a description of customers',
      };
    }
  }
}
