import { GoogleGenAI } from '@google/genai';
import { adaptSchema } from './json-schema.adapt';
import { LlmProvider, parseJsonAnswer, toProviderError, type LlmRequest, type LlmResponse } from './llm-provider.port';

export interface GeminiProviderOptions {
  id: string;
  apiKey: string;
  baseUrl?: string;
}

/**
 * Gemini generateContent. Structured output with `responseMimeType: application/json` and
 * `responseJsonSchema`. No SDK retries (no `retryOptions`): the router's policy retries.
 */
export class GeminiProvider extends LlmProvider {
  readonly kind = 'gemini';
  private readonly client: GoogleGenAI;

  constructor(private readonly options: GeminiProviderOptions) {
    super();
    // Our own `fetch`: the SDK's default path looks up Undici's global dispatcher on
    // `globalThis`, which is missing in sandboxed realms (jest, vm); the router's policy bounds time anyway.
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      httpOptions: {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        fetch: (input, init) => fetch(input, init),
      },
    });
  }

  async complete(req: LlmRequest): Promise<LlmResponse> {
    const started = performance.now();
    try {
      const res = await this.client.models.generateContent({
        model: req.model,
        contents: req.messages.map((m) => ({
          role: m.role === 'assistant' ? 'model' : 'user',
          parts: [{ text: m.content }],
        })),
        config: {
          systemInstruction: req.system,
          maxOutputTokens: req.maxTokens,
          temperature: req.temperature,
          ...(req.jsonSchema
            ? { responseMimeType: 'application/json', responseJsonSchema: adaptSchema(req.jsonSchema, 'gemini') }
            : {}),
          ...(req.signal ? { abortSignal: req.signal } : {}),
        },
      });
      const parts = res.candidates?.[0]?.content?.parts ?? [];
      const text = parts.map((p) => p.text ?? '').join('');
      const json = req.jsonSchema ? parseJsonAnswer(text) : undefined;
      const u = res.usageMetadata ?? {};
      return {
        text,
        ...(json !== undefined ? { json } : {}),
        usage: {
          inputTokens: u.promptTokenCount ?? 0,
          outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
          cachedTokens: u.cachedContentTokenCount ?? 0,
        },
        latencyMs: performance.now() - started,
      };
    } catch (err) {
      throw toProviderError(this.options.id, err, req.signal);
    }
  }
}
