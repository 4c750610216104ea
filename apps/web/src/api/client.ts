import type {
  BreakdownRow,
  Catalog,
  CountResult,
  ErrorBody,
  Me,
  SavedSegment,
  Segment,
  SegmentVersion,
  SqlDialect,
  TurnAnswer,
  WaterfallStep,
  WhyResult,
} from '../model/types';
import { SseParser, type SseEvent } from './sse';

export type ErrorKind = 'auth' | 'rate' | 'down' | 'forbidden' | 'input' | 'other';

/** A failed call, with the words a person can act on in `message`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const SERVER_DOWN = 'The server is not answering. Check that it is running, then try again.';
export const KEY_REFUSED = 'This key was not accepted. Check it, or ask an administrator for a new one.';

export function tooManyRequests(seconds: number | undefined): string {
  return seconds && seconds > 0
    ? `Too many requests: try again in ${seconds} s.`
    : 'Too many requests: try again in a moment.';
}

function retryAfter(res: Response, body: ErrorBody | undefined): number | undefined {
  const h = res.headers.get('retry-after');
  const n = h !== null ? Number(h) : NaN;
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const d = body?.details as { retryAfterSeconds?: number } | undefined;
  return typeof d?.retryAfterSeconds === 'number' ? Math.ceil(d.retryAfterSeconds) : undefined;
}

/** Turns a non-2xx response into an ApiError with a message for people. */
export async function errorFrom(res: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (parsed && typeof parsed === 'object' && 'message' in parsed) body = parsed as ErrorBody;
  } catch {
    body = undefined;
  }
  return errorFromBody(res.status, body, retryAfter(res, body));
}

export function errorFromBody(status: number, body: ErrorBody | undefined, retry?: number): ApiError {
  const code = body?.code ?? `HTTP_${status}`;
  if (status === 401 || code === 'UNAUTHORIZED') return new ApiError(KEY_REFUSED, 'auth', status, code, body?.details);
  if (status === 429 || code === 'RATE_LIMITED') {
    const seconds = retry ?? (body?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return new ApiError(tooManyRequests(seconds), 'rate', status, code, body?.details, seconds);
  }
  if (!body && (status === 502 || status === 503 || status === 504))
    return new ApiError(SERVER_DOWN, 'down', status, code);
  if (status === 403) {
    const d = body?.details as { required?: string[] } | undefined;
    const needs = d?.required?.length ? ` (it needs the ${d.required.join(', ')} role)` : '';
    const msg =
      code === 'PII_NOT_PERMITTED'
        ? 'This uses personal data, and this key may not see personal data.'
        : `This key may not do that${needs}.`;
    return new ApiError(msg, 'forbidden', status, code, body?.details);
  }
  if (status >= 400 && status < 500)
    return new ApiError(body?.message ?? `The request was refused (${status}).`, 'input', status, code, body?.details);
  return new ApiError(
    body?.message ?? `The server failed to answer (${status}). Try again in a moment.`,
    'other',
    status,
    code,
    body?.details,
  );
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export interface StreamHandlers {
  onEvent(e: SseEvent): void;
}

/** The API as the page uses it: every call carries the key; failures are ApiErrors. */
export class Api {
  constructor(
    readonly key: string,
    private readonly base = '',
  ) {}

  private async fetch(path: string, init: RequestInit & { accept?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-api-key': this.key, accept: init.accept ?? 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.base + path, { ...init, headers, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new ApiError(SERVER_DOWN, 'down', 0, 'NETWORK');
    }
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const res = await this.fetch(path, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(SERVER_DOWN, 'down', res.status, 'BAD_RESPONSE');
    }
  }

  me = () => this.json<Me>('GET', '/v1/me');
  catalog = () => this.json<Catalog>('GET', '/v1/catalog');
  count = (segment: Segment, signal?: AbortSignal) =>
    this.json<CountResult>('POST', '/v1/segments/count', { segment }, signal);
  waterfall = (segment: Segment, signal?: AbortSignal) =>
    this.json<{ as_of: string; steps: WaterfallStep[] }>('POST', '/v1/segments/waterfall', { segment }, signal);
  breakdown = (segment: Segment, facet: string, limit: number, signal?: AbortSignal) =>
    this.json<{ facet: string; rows: BreakdownRow[] }>(
      'POST',
      '/v1/segments/breakdown',
      { segment, facet, limit },
      signal,
    );
  why = (segment: Segment, customerId: number) =>
    this.json<WhyResult>('POST', '/v1/segments/why', { segment, customer_id: customerId });
  sql = (segment: Segment, dialect: SqlDialect) =>
    this.json<{ sql: string; params: unknown[]; dialect: string }>('POST', '/v1/segments/sql', {
      segment,
      dialect,
      select: 'ids',
    });
  listSegments = () => this.json<SavedSegment[]>('GET', '/v1/segments?limit=100');
  getSegment = (id: string, version?: number) =>
    this.json<SavedSegment>(
      'GET',
      `/v1/segments/${encodeURIComponent(id)}${version ? `?version=${encodeURIComponent(String(version))}` : ''}`,
    );
  versions = (id: string) => this.json<SegmentVersion[]>('GET', `/v1/segments/${encodeURIComponent(id)}/versions`);
  saveSegment = (name: string, segment: Segment, description?: string) =>
    this.json<SavedSegment>('POST', '/v1/segments', { name, segment, ...(description ? { description } : {}) });
  updateSegment = (id: string, patch: { name?: string; segment?: Segment }) =>
    this.json<SavedSegment>('PUT', `/v1/segments/${encodeURIComponent(id)}`, patch);

  /** The audience's ids as a CSV file (a Blob) and the file name the server proposes. */
  async exportCsv(segment: Segment): Promise<{ blob: Blob; filename: string }> {
    const res = await this.fetch('/v1/segments/export', {
      method: 'POST',
      body: JSON.stringify({ segment, format: 'csv' }),
      accept: 'text/csv',
    });
    const cd = res.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(cd)?.[1] ?? 'audience.csv';
    return { blob: await res.blob(), filename };
  }

  /**
   * A conversation turn with its steps streamed (SSE over fetch: EventSource cannot send the
   * key header). Starts a conversation when `conversationId` is undefined. Resolves with the
   * answer; an `error` event rejects with its error body.
   */
  async turn(
    conversationId: string | undefined,
    text: string,
    handlers: StreamHandlers,
    signal?: AbortSignal,
  ): Promise<TurnAnswer> {
    const path = conversationId ? `/v1/conversations/${encodeURIComponent(conversationId)}/turns` : '/v1/conversations';
    const res = await this.fetch(path, {
      method: 'POST',
      body: JSON.stringify({ text }),
      accept: 'text/event-stream',
      ...(signal ? { signal } : {}),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream') || !res.body) {
      // A proxy that buffers or rewrites: the JSON answer.
      const answer = (await res.json()) as TurnAnswer;
      handlers.onEvent({ event: 'answer', data: answer });
      return answer;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    let answer: TurnAnswer | undefined;
    let failure: ApiError | undefined;
    const handle = (e: SseEvent) => {
      if (e.event === 'answer') answer = e.data as TurnAnswer;
      if (e.event === 'error') failure = errorFromBody(500, e.data as ErrorBody);
      handlers.onEvent(e);
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const e of parser.push(value)) handle(e);
      }
      for (const e of parser.flush()) handle(e);
    } catch (e) {
      if (isAbort(e)) throw e;
      if (!answer) throw new ApiError(SERVER_DOWN, 'down', 0, 'STREAM_CUT');
    }
    if (failure) throw failure;
    if (!answer) throw new ApiError(SERVER_DOWN, 'down', 0, 'STREAM_CUT');
    return answer;
  }
}

/** The demo key, when this server offers it to a page opened on the same machine (GET /demo-key). */
export async function fetchDemoKey(): Promise<string | undefined> {
  try {
    const res = await fetch('/demo-key', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { key?: unknown };
    return typeof body.key === 'string' ? body.key : undefined;
  } catch {
    return undefined;
  }
}
