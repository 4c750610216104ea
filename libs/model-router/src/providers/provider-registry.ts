import { createHash } from 'node:crypto';
import type { ProviderSettings } from '../config/model-router.config';
import { AnthropicProvider } from './anthropic.provider';
import { GeminiProvider } from './gemini.provider';
import type { LlmProvider } from './llm-provider.port';
import { OpenAiProvider } from './openai.provider';

/** Builds an adapter for one provider with a resolved key; replaceable in tests. */
export type ProviderFactory = (settings: ProviderSettings & { apiKey: string }) => LlmProvider;

export const sdkProviderFactory: ProviderFactory = (s) => {
  const opts = { id: s.id, apiKey: s.apiKey, ...(s.baseUrl ? { baseUrl: s.baseUrl } : {}) };
  switch (s.kind) {
    case 'anthropic':
      return new AnthropicProvider(opts);
    case 'gemini':
      return new GeminiProvider(opts);
    case 'openai':
      return new OpenAiProvider(opts);
  }
};

/**
 * One adapter per (provider id, key, base URL): tenants with their own key get their own
 * client; the key is only a map key in memory (hashed), never logged.
 */
export class ProviderRegistry {
  private readonly clients = new Map<string, LlmProvider>();

  constructor(private readonly factory: ProviderFactory = sdkProviderFactory) {}

  get(settings: ProviderSettings): LlmProvider | undefined {
    if (!settings.apiKey) return undefined;
    const id = `${settings.id}|${settings.baseUrl ?? ''}|${fingerprint(settings.apiKey)}`;
    let client = this.clients.get(id);
    if (!client) {
      client = this.factory({ ...settings, apiKey: settings.apiKey });
      this.clients.set(id, client);
    }
    return client;
  }
}

function fingerprint(s: string): string {
  return createHash('sha256').update(s).digest('base64url');
}
