import type { JsonSchema } from '@smartseg/segment-engine';

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  model: string;
  system: string;
  messages: LlmMessage[];
  /** Ask for a JSON answer of this shape (tool use / responseJsonSchema / response_format). */
  jsonSchema?: JsonSchema;
  /** Name of the structured answer (tool name, schema name). */
  jsonName?: string;
  maxTokens: number;
  temperature: number;
  signal?: AbortSignal;
}

export interface LlmUsage {
  /** All input tokens, including `cachedTokens`. */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache (billed at the cached price). */
  cachedTokens: number;
}

export interface LlmResponse {
  text: string;
  /** The structured answer when one could be parsed; never trusted: the verifier checks it. */
  json?: unknown;
  usage: LlmUsage;
  latencyMs: number;
}

/** The port every provider adapter implements (one per wire protocol). */
export abstract class LlmProvider {
  abstract readonly kind: string;
  abstract complete(req: LlmRequest): Promise<LlmResponse>;
}

/**
 * A failed call, normalised over SDKs. `status` is the HTTP status when there was one;
 * `retryable`: 429 and 5xx (the only failures the router retries).
 */
export class LlmProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly provider: string,
    readonly kind: 'http' | 'timeout' | 'network' | 'aborted' | 'bad_response' = 'http',
  ) {
    super(message);
    this.name = 'LlmProviderError';
  }

  get retryable(): boolean {
    return this.status === 429 || (this.status !== undefined && this.status >= 500 && this.status <= 599);
  }
}

/** Wraps any SDK error into an LlmProviderError without copying headers or request bodies (keys stay out of messages). */
export function toProviderError(provider: string, err: unknown, signal?: AbortSignal): LlmProviderError {
  if (err instanceof LlmProviderError) return err;
  const e = err as { status?: unknown; code?: unknown; name?: unknown; message?: unknown } | undefined;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  if (signal?.aborted || /abort/i.test(name))
    return new LlmProviderError(`${provider}: request aborted`, status, provider, 'aborted');
  if (/timeout/i.test(name)) return new LlmProviderError(`${provider}: request timed out`, status, provider, 'timeout');
  if (status !== undefined) return new LlmProviderError(`${provider}: HTTP ${status}`, status, provider, 'http');
  const msg =
    typeof e?.message === 'string'
      ? e.message.replace(/(key|token|authorization)[^\s]*/gi, '$1=…').slice(0, 160)
      : String(err);
  return new LlmProviderError(`${provider}: ${name}: ${msg}`, undefined, provider, 'network');
}

/** Pulls the first JSON object out of a model's text (fenced or bare); undefined when there is none. */
export function parseJsonAnswer(text: string): unknown {
  const t = text.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(t);
  const candidates = [t, fenced?.[1]?.trim() ?? ''];
  const first = t.indexOf('{');
  const last = t.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(t.slice(first, last + 1));
  for (const c of candidates) {
    if (!c) continue;
    try {
      return JSON.parse(c);
    } catch {
      // try the next reading
    }
  }
  return undefined;
}
