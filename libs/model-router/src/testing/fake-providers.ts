import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local HTTP servers speaking each provider's wire protocol, for tests and the cost bench:
 * Anthropic `POST /v1/messages`, Gemini `POST /v1beta/models/{model}:generateContent`,
 * OpenAI `POST /v1/chat/completions`. Each answers from a script (a queue of answers, then a
 * default) and records every request body.
 *
 * Token counts are estimated the way a real prompt would be billed: input = request body
 * characters / 4 (the body holds the system prompt, messages and the JSON schema, which
 * providers bill as input), output = answer characters / 4. Prompt caching is simulated: once
 * a server has seen a (system prompt + schema) prefix, later requests report that prefix as
 * cached input tokens.
 */

export type FakeKind = 'anthropic' | 'gemini' | 'openai';

export type Script =
  /** A structured answer (the object the model "fills"): valid or not, the router must verify it. */
  | { kind: 'json'; value: unknown }
  /** Raw text (malformed JSON, prose, SQL...). */
  | { kind: 'text'; text: string }
  /** An HTTP error (429, 500...). */
  | { kind: 'status'; status: number; message?: string }
  /** Answer after a delay (slow provider / timeout). */
  | { kind: 'delay'; ms: number; then: Script };

export interface FakeRequest {
  kind: FakeKind;
  path: string;
  model: string;
  /** The raw body exactly as received. */
  body: string;
  system: string;
  /** Text of every message, in order. */
  messages: string[];
  /** The last user message. */
  user: string;
  /** The key the client sent (`Authorization: Bearer`, `x-api-key` or `x-goog-api-key`). */
  apiKey: string;
}

export type Responder = Script | ((req: FakeRequest) => Script);

export const ctokens = (chars: number): number => Math.ceil(chars / 4);

export class FakeProvider {
  readonly requests: FakeRequest[] = [];
  private queue: Responder[] = [];
  private fallback: Responder = { kind: 'status', status: 500, message: 'no script' };
  private readonly seenPrefixes = new Set<string>();
  private server!: Server;
  baseUrl = '';

  constructor(readonly kind: FakeKind) {}

  /** Queue answers for the next requests (in order). */
  script(...items: Responder[]): this {
    this.queue.push(...items);
    return this;
  }

  /** The answer once the queue is empty. */
  setDefault(r: Responder): this {
    this.fallback = r;
    return this;
  }

  reset(): this {
    this.queue = [];
    this.requests.length = 0;
    this.seenPrefixes.clear();
    this.fallback = { kind: 'status', status: 500, message: 'no script' };
    return this;
  }

  /** The URL to give the SDK (`baseURL` / `httpOptions.baseUrl`). */
  get sdkBaseUrl(): string {
    return this.kind === 'openai' ? `${this.baseUrl}/v1` : this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0]!;
    const route = this.route(path);
    if (req.method !== 'POST' || !route) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'bad json' } }));
      return;
    }
    const parsed = this.read(json, route.model);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
    };
    const apiKey =
      header('authorization').replace(/^Bearer\s+/i, '') || header('x-api-key') || header('x-goog-api-key');
    const fr: FakeRequest = { kind: this.kind, path, body, apiKey, ...parsed };
    this.requests.push(fr);
    const responder = this.queue.length ? this.queue.shift()! : this.fallback;
    let script = typeof responder === 'function' ? responder(fr) : responder;
    let closed = false;
    res.on('close', () => (closed = true));
    while (script.kind === 'delay') {
      const ms = script.ms;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        res.on('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
      if (closed) return;
      script = script.then;
    }
    if (script.kind === 'status') {
      res
        .writeHead(script.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(this.errorBody(script.status, script.message ?? 'scripted failure')));
      return;
    }
    const text = script.kind === 'json' ? JSON.stringify(script.value) : script.text;
    const schemaChars = parsed.schemaChars;
    const prefixKey = `${route.model}|${parsed.system}|${schemaChars}`;
    const cached = this.seenPrefixes.has(prefixKey) ? ctokens(parsed.system.length + schemaChars) : 0;
    this.seenPrefixes.add(prefixKey);
    const input = ctokens(body.length);
    const output = ctokens(text.length);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(this.answerBody(route.model, script, text, input, Math.min(cached, input), output, json)));
  }

  private route(path: string): { model: string } | undefined {
    if (this.kind === 'anthropic' && path === '/v1/messages') return { model: '' };
    if (this.kind === 'openai' && path === '/v1/chat/completions') return { model: '' };
    const m = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
    if (this.kind === 'gemini' && m) return { model: decodeURIComponent(m[1]!) };
    return undefined;
  }

  private read(
    json: Record<string, unknown>,
    pathModel: string,
  ): Omit<FakeRequest, 'kind' | 'path' | 'body' | 'apiKey'> & { schemaChars: number } {
    const texts = (v: unknown): string => {
      if (typeof v === 'string') return v;
      if (Array.isArray(v)) return v.map(texts).join('');
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.text === 'string') return o.text;
        if (o.parts) return texts(o.parts);
        if (o.content !== undefined) return texts(o.content);
      }
      return '';
    };
    if (this.kind === 'anthropic') {
      const msgs = (json.messages as { role: string; content: unknown }[]) ?? [];
      const tools = json.tools as { input_schema?: unknown }[] | undefined;
      return {
        model: String(json.model),
        system: texts(json.system),
        messages: msgs.map((m) => texts(m.content)),
        user: texts([...msgs].reverse().find((m) => m.role === 'user')?.content),
        schemaChars: tools ? JSON.stringify(tools).length : 0,
      };
    }
    if (this.kind === 'openai') {
      const msgs = (json.messages as { role: string; content: unknown }[]) ?? [];
      return {
        model: String(json.model),
        system: msgs
          .filter((m) => m.role === 'system')
          .map((m) => texts(m.content))
          .join('\n'),
        messages: msgs.filter((m) => m.role !== 'system').map((m) => texts(m.content)),
        user: texts([...msgs].reverse().find((m) => m.role === 'user')?.content),
        schemaChars: json.response_format ? JSON.stringify(json.response_format).length : 0,
      };
    }
    const contents = (json.contents as { role: string; parts: unknown }[]) ?? [];
    const gen = (json.generationConfig as Record<string, unknown> | undefined) ?? {};
    return {
      model: pathModel,
      system: texts(json.systemInstruction),
      messages: contents.map((c) => texts(c.parts)),
      user: texts([...contents].reverse().find((c) => c.role === 'user')?.parts),
      schemaChars: gen.responseJsonSchema ? JSON.stringify(gen.responseJsonSchema).length : 0,
    };
  }

  private errorBody(status: number, message: string): unknown {
    if (this.kind === 'anthropic')
      return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message } };
    if (this.kind === 'openai')
      return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } };
    return { error: { code: status, message, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } };
  }

  private answerBody(
    model: string,
    script: Script,
    text: string,
    input: number,
    cached: number,
    output: number,
    req: Record<string, unknown>,
  ): unknown {
    if (this.kind === 'anthropic') {
      const tool = (req.tools as { name: string }[] | undefined)?.[0];
      const content =
        script.kind === 'json' && tool
          ? [{ type: 'tool_use', id: 'toolu_fake', name: tool.name, input: script.value }]
          : [{ type: 'text', text }];
      return {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: content[0]!.type === 'tool_use' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: input - cached,
          output_tokens: output,
          cache_read_input_tokens: cached,
          cache_creation_input_tokens: 0,
        },
      };
    }
    if (this.kind === 'openai') {
      return {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: input,
          completion_tokens: output,
          total_tokens: input + output,
          prompt_tokens_details: { cached_tokens: cached },
        },
      };
    }
    return {
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: {
        promptTokenCount: input,
        candidatesTokenCount: output,
        cachedContentTokenCount: cached,
        totalTokenCount: input + output,
      },
      modelVersion: model,
    };
  }
}

export interface FakeProviders {
  anthropic: FakeProvider;
  gemini: FakeProvider;
  openai: FakeProvider;
  all: FakeProvider[];
  /** Every request body received by any server. */
  bodies(): string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeProviders(): Promise<FakeProviders> {
  const anthropic = await new FakeProvider('anthropic').start();
  const gemini = await new FakeProvider('gemini').start();
  const openai = await new FakeProvider('openai').start();
  const all = [anthropic, gemini, openai];
  return {
    anthropic,
    gemini,
    openai,
    all,
    bodies: () => all.flatMap((p) => p.requests.map((r) => r.body)),
    reset: () => all.forEach((p) => p.reset()),
    close: async () => {
      for (const p of all) await p.close();
    },
  };
}

/** Router provider settings pointing at the fake servers (ids = kinds). */
export function fakeProviderSettings(f: FakeProviders, key = 'test-key-not-secret') {
  return f.all.map((p) => ({ id: p.kind, kind: p.kind, baseUrl: p.sdkBaseUrl, apiKey: key }));
}
