/* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads modules with require */
/** The SDKs are loaded when a key for their provider is first used, not when the router is imported. */
describe('sdkProviderFactory', () => {
  const loaded: string[] = [];
  const fakeSdk = (name: string) => () => {
    loaded.push(name);
    class Client {}
    return { __esModule: true, default: Client, GoogleGenAI: Client };
  };

  beforeEach(() => {
    loaded.length = 0;
    jest.resetModules();
    jest.doMock('@anthropic-ai/sdk', fakeSdk('anthropic'));
    jest.doMock('@google/genai', fakeSdk('gemini'));
    jest.doMock('openai', fakeSdk('openai'));
  });

  it('loads no SDK when the model router is imported', () => {
    jest.isolateModules(() => {
      require('../index');
    });
    expect(loaded).toEqual([]);
  });

  it.each(['anthropic', 'gemini', 'openai'] as const)('loads only the %s SDK when its key is first used', (kind) => {
    jest.isolateModules(() => {
      const { sdkProviderFactory } = require('./provider-registry') as typeof import('./provider-registry');
      const provider = sdkProviderFactory({ id: `${kind}-1`, kind, apiKey: 'k-123' } as Parameters<
        typeof sdkProviderFactory
      >[0]);
      expect(provider.kind).toBe(kind);
    });
    expect(loaded).toEqual([kind]);
  });
});
