import { createHash } from 'node:crypto';
import type { ProviderSettings } from '../config/model-router.config';
import type { LlmProvider } from './llm-provider.port';

/** Builds an adapter for one provider with a resolved key; replaceable in tests. */
export type ProviderFactory = (settings: ProviderSettings & { apiKey: string }) => LlmProvider;

/**
 * Each provider's SDK is loaded the first time a key for it is used: a service that never calls a model
 * (the embedded default) does not carry the three SDKs (about 450 modules and 15 MB of memory).
 */
export const sdkProviderFactory: ProviderFactory = (s) => {
  const opts = { id: s.id, apiKey: s.apiKey, ...(s.baseUrl ? { baseUrl: s.baseUrl } : {}) };
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy, synchronous loads of the SDK adapters */
  switch (s.kind) {
    case 'anthropic': {
      const { AnthropicProvider } = require('./anthropic.provider') as typeof import('./anthropic.provider');
      return new AnthropicProvider(opts);
    }
    case 'gemini': {
      const { GeminiProvider } = require('./gemini.provider') as typeof import('./gemini.provider');
      return new GeminiProvider(opts);
    }
    case 'openai': {
      const { OpenAiProvider } = require('./openai.provider') as typeof import('./openai.provider');
      return new OpenAiProvider(opts);
    }
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
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
