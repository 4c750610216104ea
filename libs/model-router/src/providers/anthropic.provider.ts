import Anthropic from '@anthropic-ai/sdk';
import { adaptSchema } from './json-schema.adapt';
import { LlmProvider, parseJsonAnswer, toProviderError, type LlmRequest, type LlmResponse } from './llm-provider.port';

export interface AnthropicProviderOptions {
  id: string;
  apiKey: string;
  baseUrl?: string;
}

/**
 * Anthropic Messages API. Structured output through a forced tool call whose `input_schema`
 * is the requested schema; the system prompt is marked for prompt caching (it holds the
 * catalog digest, stable per catalog version). SDK retries are off: the router's policy retries.
 * `temperature` is not sent: this SDK version's Messages params no longer carry it.
 */
export class AnthropicProvider extends LlmProvider {
  readonly kind = 'anthropic';
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicProviderOptions) {
    super();
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      maxRetries: 0,
    });
  }

  async complete(req: LlmRequest): Promise<LlmResponse> {
    const started = performance.now();
    const toolName = req.jsonName ?? 'answer';
    try {
      const msg = await this.client.messages.create(
        {
          model: req.model,
          max_tokens: req.maxTokens,
          system: [{ type: 'text', text: req.system, cache_control: { type: 'ephemeral' } }],
          messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
          ...(req.jsonSchema
            ? {
                tools: [
                  {
                    name: toolName,
                    description: 'Give the answer in this exact structure.',
                    input_schema: adaptSchema(req.jsonSchema, 'anthropic') as Anthropic.Tool.InputSchema,
                  },
                ],
                tool_choice: { type: 'tool' as const, name: toolName },
              }
            : {}),
        },
        req.signal ? { signal: req.signal } : undefined,
      );
      let text = '';
      let json: unknown;
      for (const block of msg.content) {
        if (block.type === 'text') text += block.text;
        else if (block.type === 'tool_use' && json === undefined) {
          json = block.input;
          text += JSON.stringify(block.input);
        }
      }
      if (json === undefined && req.jsonSchema) json = parseJsonAnswer(text);
      const u = msg.usage;
      const cached = u.cache_read_input_tokens ?? 0;
      return {
        text,
        ...(json !== undefined ? { json } : {}),
        usage: {
          inputTokens: (u.input_tokens ?? 0) + cached + (u.cache_creation_input_tokens ?? 0),
          outputTokens: u.output_tokens ?? 0,
          cachedTokens: cached,
        },
        latencyMs: performance.now() - started,
      };
    } catch (err) {
      throw toProviderError(this.options.id, err, req.signal);
    }
  }
}
