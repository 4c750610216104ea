import OpenAI from 'openai';
import { adaptSchema } from './json-schema.adapt';
import { LlmProvider, parseJsonAnswer, toProviderError, type LlmRequest, type LlmResponse } from './llm-provider.port';

export interface OpenAiProviderOptions {
  id: string;
  apiKey: string;
  /** Any OpenAI-compatible chat-completions endpoint. */
  baseUrl?: string;
}

/**
 * OpenAI-compatible chat completions. Structured output with `response_format: json_schema`
 * (strict off: the segment schema uses unions strict mode does not allow; the verifier checks
 * the answer). SDK retries are off: the router's policy retries.
 */
export class OpenAiProvider extends LlmProvider {
  readonly kind = 'openai';
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiProviderOptions) {
    super();
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      maxRetries: 0,
    });
  }

  async complete(req: LlmRequest): Promise<LlmResponse> {
    const started = performance.now();
    try {
      const res = await this.client.chat.completions.create(
        {
          model: req.model,
          max_completion_tokens: req.maxTokens,
          temperature: req.temperature,
          messages: [
            { role: 'system', content: req.system },
            ...req.messages.map((m) => ({ role: m.role, content: m.content })),
          ],
          ...(req.jsonSchema
            ? {
                response_format: {
                  type: 'json_schema' as const,
                  json_schema: {
                    name: req.jsonName ?? 'answer',
                    schema: adaptSchema(req.jsonSchema, 'openai'),
                    strict: false,
                  },
                },
              }
            : {}),
        },
        req.signal ? { signal: req.signal } : undefined,
      );
      const text = res.choices[0]?.message?.content ?? '';
      const json = req.jsonSchema ? parseJsonAnswer(text) : undefined;
      const u = res.usage;
      return {
        text,
        ...(json !== undefined ? { json } : {}),
        usage: {
          inputTokens: u?.prompt_tokens ?? 0,
          outputTokens: u?.completion_tokens ?? 0,
          cachedTokens: u?.prompt_tokens_details?.cached_tokens ?? 0,
        },
        latencyMs: performance.now() - started,
      };
    } catch (err) {
      throw toProviderError(this.options.id, err, req.signal);
    }
  }
}
