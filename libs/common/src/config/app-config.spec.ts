import * as path from 'node:path';
import { SmartsegError } from '../errors/smartseg.error';
import { loadAppConfig, sizeInBytes } from './app-config';

function failure(env: Record<string, string>): SmartsegError {
  try {
    loadAppConfig(env);
  } catch (e) {
    if (e instanceof SmartsegError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadAppConfig', () => {
  it('has defaults for everything optional', () => {
    const c = loadAppConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      CORS_ORIGINS: [],
      RATE_LIMIT_TTL_SECONDS: 60,
      DEMO_TENANT: true,
      LOG_LEVEL: 'log',
      LLM_CONFIDENCE_THRESHOLD: 0.6,
    });
    expect(c.OPENAI_API_KEY).toBeUndefined();
    expect(c.LLM_MONTHLY_BUDGET_USD).toBeUndefined();
    expect(c.SMARTSEG_HOME).toBe(path.join(process.cwd(), '.smartseg'));
    expect(c.embedded).toBe(true);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads and converts every variable', () => {
    const c = loadAppConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      SMARTSEG_HOME: '/tmp/x',
      DATABASE_URL: 'postgresql://u:p@db:5432/smartseg',
      REDIS_URL: 'redis://cache:6379/1',
      ADMIN_API_KEY: 'a'.repeat(32),
      API_KEY_PEPPER: 'p'.repeat(32),
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      RATE_LIMIT_TTL_SECONDS: '30',
      RATE_LIMIT_PER_KEY: '10',
      RATE_LIMIT_PER_TENANT: '20',
      RATE_LIMIT_ANONYMOUS: '5',
      BODY_LIMIT_BYTES: '2048',
      DEMO_TENANT: 'false',
      LOG_LEVEL: 'debug',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: 'https://anthropic.example.com',
      GEMINI_API_KEY: 'gm-test',
      GEMINI_BASE_URL: 'http://127.0.0.1:9001',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://localhost:9002/v1',
      LLM_CONFIDENCE_THRESHOLD: '0.75',
      LLM_MONTHLY_BUDGET_USD: '12.5',
    });
    expect(c).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      SMARTSEG_HOME: '/tmp/x',
      CORS_ORIGINS: ['https://app.example.com', 'http://localhost:5173'],
      RATE_LIMIT_PER_KEY: 10,
      BODY_LIMIT_BYTES: 2048,
      DEMO_TENANT: false,
      ANTHROPIC_API_KEY: 'sk-ant-test',
      ANTHROPIC_BASE_URL: 'https://anthropic.example.com',
      GEMINI_BASE_URL: 'http://127.0.0.1:9001',
      OPENAI_BASE_URL: 'http://localhost:9002/v1',
      LLM_CONFIDENCE_THRESHOLD: 0.75,
      LLM_MONTHLY_BUDGET_USD: 12.5,
    });
    expect(c.embedded).toBe(false);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['HOST', { HOST: 'not a host!' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/x' }],
    ['REDIS_URL', { REDIS_URL: 'http://cache' }],
    ['ADMIN_API_KEY', { ADMIN_API_KEY: 'short' }],
    ['API_KEY_PEPPER', { API_KEY_PEPPER: 'short' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: '*' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://ok.example.com,https://*.example.com' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'app.example.com' }],
    ['RATE_LIMIT_TTL_SECONDS', { RATE_LIMIT_TTL_SECONDS: '0' }],
    ['RATE_LIMIT_PER_KEY', { RATE_LIMIT_PER_KEY: '-1' }],
    ['RATE_LIMIT_PER_TENANT', { RATE_LIMIT_PER_TENANT: '1.5' }],
    ['RATE_LIMIT_ANONYMOUS', { RATE_LIMIT_ANONYMOUS: 'lots' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '10' }],
    ['DEMO_TENANT', { DEMO_TENANT: 'maybe' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'chatty' }],
    ['ANTHROPIC_API_KEY', { ANTHROPIC_API_KEY: 'has a space' }],
    ['ANTHROPIC_BASE_URL', { ANTHROPIC_BASE_URL: 'ftp://anthropic.example.com' }],
    ['GEMINI_API_KEY', { GEMINI_API_KEY: 'has a space' }],
    ['GEMINI_BASE_URL', { GEMINI_BASE_URL: 'gemini.example.com' }],
    ['OPENAI_API_KEY', { OPENAI_API_KEY: 'has a space' }],
    ['OPENAI_BASE_URL', { OPENAI_BASE_URL: 'not a url' }],
    ['LLM_CONFIDENCE_THRESHOLD', { LLM_CONFIDENCE_THRESHOLD: '1.5' }],
    ['LLM_CONFIDENCE_THRESHOLD', { LLM_CONFIDENCE_THRESHOLD: 'high' }],
    ['LLM_MONTHLY_BUDGET_USD', { LLM_MONTHLY_BUDGET_USD: '-1' }],
    ['LLM_MONTHLY_BUDGET_USD', { LLM_MONTHLY_BUDGET_USD: 'lots' }],
    ['ADMIN_API_KEY', { DATABASE_URL: 'postgres://db/x', API_KEY_PEPPER: 'p'.repeat(32) }],
    ['API_KEY_PEPPER', { DATABASE_URL: 'postgres://db/x', ADMIN_API_KEY: 'a'.repeat(32) }],
  ])('refuses a bad %s with a message naming it', (variable, env) => {
    const e = failure(env);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(variable);
    expect(e.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: variable })]));
  });

  it('names every bad variable at once, without echoing secret values', () => {
    const e = failure({ PORT: 'x', REDIS_URL: 'nope', ADMIN_API_KEY: 'tiny-secret' });
    expect(e.message).toMatch(/PORT.*REDIS_URL.*ADMIN_API_KEY/);
    expect(e.message).not.toContain('tiny-secret');
  });

  it('never echoes a provider key in a refusal', () => {
    const e = failure({ OPENAI_API_KEY: 'sk-secret value', OPENAI_BASE_URL: 'nope' });
    expect(e.message).toMatch(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
    expect(e.message).not.toContain('sk-secret');
  });

  it('reads the BullMQ worker settings (lock, stalled check, concurrency) and refuses bad ones by name', () => {
    expect(loadAppConfig({})).toMatchObject({
      QUEUE_LOCK_DURATION_MS: 30_000,
      QUEUE_STALLED_INTERVAL_MS: 30_000,
      QUEUE_MAX_STALLED_COUNT: 1,
      QUEUE_CONCURRENCY: 2,
    });
    expect(
      loadAppConfig({
        QUEUE_LOCK_DURATION_MS: '2000',
        QUEUE_STALLED_INTERVAL_MS: '500',
        QUEUE_MAX_STALLED_COUNT: '0',
        QUEUE_CONCURRENCY: '8',
      }),
    ).toMatchObject({
      QUEUE_LOCK_DURATION_MS: 2000,
      QUEUE_STALLED_INTERVAL_MS: 500,
      QUEUE_MAX_STALLED_COUNT: 0,
      QUEUE_CONCURRENCY: 8,
    });
    for (const [variable, value] of [
      ['QUEUE_LOCK_DURATION_MS', '10'],
      ['QUEUE_LOCK_DURATION_MS', 'soon'],
      ['QUEUE_STALLED_INTERVAL_MS', '1.5'],
      ['QUEUE_MAX_STALLED_COUNT', '-1'],
      ['QUEUE_CONCURRENCY', '0'],
    ] as const) {
      const e = failure({ [variable]: value });
      expect([variable, e.message]).toEqual([variable, expect.stringContaining(variable)]);
      expect(e.details).toEqual([expect.objectContaining({ path: variable })]);
    }
  });

  it('bounds the embedded DuckDB warehouses (memory limit, threads) and refuses bad values by name', () => {
    expect(loadAppConfig({})).toMatchObject({ DUCKDB_MEMORY_LIMIT: '256MB', DUCKDB_THREADS: 2 });
    expect(loadAppConfig({ DUCKDB_MEMORY_LIMIT: ' 1.5GB ', DUCKDB_THREADS: '4' })).toMatchObject({
      DUCKDB_MEMORY_LIMIT: '1.5GB',
      DUCKDB_THREADS: 4,
    });
    expect(loadAppConfig({ DUCKDB_MEMORY_LIMIT: '512MiB' }).DUCKDB_MEMORY_LIMIT).toBe('512MiB');
    // The smallest size the message names is itself accepted.
    expect(loadAppConfig({ DUCKDB_MEMORY_LIMIT: '64MB' }).DUCKDB_MEMORY_LIMIT).toBe('64MB');
    for (const [variable, value] of [
      ['DUCKDB_MEMORY_LIMIT', 'lots'],
      ['DUCKDB_MEMORY_LIMIT', '512'],
      ['DUCKDB_MEMORY_LIMIT', '80%'],
      ['DUCKDB_MEMORY_LIMIT', '32MB'],
      ['DUCKDB_MEMORY_LIMIT', '63MB'],
      ['DUCKDB_MEMORY_LIMIT', '256MB; SET threads=64'],
      ['DUCKDB_THREADS', '0'],
      ['DUCKDB_THREADS', '1.5'],
      ['DUCKDB_THREADS', '65'],
    ] as const) {
      const e = failure({ [variable]: value });
      expect([variable, value, e.message]).toEqual([variable, value, expect.stringContaining(variable)]);
      expect(e.details).toEqual([expect.objectContaining({ path: variable })]);
    }
  });

  it('reads sizes in DuckDB units', () => {
    expect(sizeInBytes('256MB')).toBe(256e6);
    expect(sizeInBytes('1.5 GB')).toBe(1.5e9);
    expect(sizeInBytes('64MiB')).toBe(64 * 2 ** 20);
    expect(sizeInBytes('2gib')).toBe(2 * 2 ** 30);
    expect(sizeInBytes('256')).toBeUndefined();
    expect(sizeInBytes('MB')).toBeUndefined();
  });

  it('ignores empty values (treated as unset)', () => {
    expect(loadAppConfig({ PORT: '', DATABASE_URL: ' ' }).PORT).toBe(3000);
  });
});
