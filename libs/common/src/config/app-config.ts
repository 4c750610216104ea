import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { ErrorCode } from '../errors/error-code.enum';
import { SmartsegError } from '../errors/smartseg.error';
import { smartsegHome } from '../paths/smartseg-home';

const trimOrUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : value;

const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value; // left as a string: IsBoolean names the variable
};

/** A size such as `256MB`, `1.5GB` or `512MiB` (DuckDB's units); see sizeInBytes. */
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
const SIZE_UNITS: Record<string, number> = {
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Bytes of a size written as SIZE_PATTERN allows; undefined for anything else. */
export function sizeInBytes(size: string): number | undefined {
  const m = SIZE_PATTERN.exec(size.trim());
  return m ? Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]! : undefined;
}

/** The smallest DUCKDB_MEMORY_LIMIT accepted, 64MB in DuckDB's decimal units (64MiB is more): below it DuckDB refuses ordinary counts. */
const MIN_DUCKDB_MEMORY_BYTES = 64 * 10 ** 6;

/** A URL whose scheme is one of `schemes` (no credentials are echoed in messages). */
const urlPattern = (schemes: string[]) => new RegExp(`^(${schemes.join('|')})://[^\\s]+$`);

/**
 * The process configuration, read once from the environment at boot and validated.
 * A bad setting stops the start with a message that names the variable.
 *
 * Secrets on the embedded default (no DATABASE_URL): ADMIN_API_KEY and API_KEY_PEPPER may be
 * absent; the API then generates them once, keeps them in $SMARTSEG_HOME (mode 0600) and
 * prints the admin key. With DATABASE_URL (a shared, production-like store) both are required.
 */
export class AppConfig {
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 3000;

  @Transform(trimOrUndefined)
  @IsString()
  @Matches(/^[A-Za-z0-9.:\-[\]]+$/, { message: 'HOST must be a host name or IP address' })
  HOST = '127.0.0.1';

  /** Resolved to an absolute path; default ./.smartseg in the working directory. */
  @Transform(trimOrUndefined)
  @IsString()
  SMARTSEG_HOME = '';

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(urlPattern(['postgres', 'postgresql']), {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(urlPattern(['redis', 'rediss']), { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'ADMIN_API_KEY must be at least 24 characters' })
  ADMIN_API_KEY?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'API_KEY_PEPPER must be at least 16 characters' })
  API_KEY_PEPPER?: string;

  /** Comma-separated exact origins (scheme://host[:port]); '*' is refused. Empty: no CORS. */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^https?:\/\/[^\s/*,]+$/, {
    each: true,
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.com (no wildcard)',
  })
  CORS_ORIGINS: string[] = [];

  /** Window of the rate limits, in seconds. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_TTL_SECONDS must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_TTL_SECONDS must be a positive integer' })
  RATE_LIMIT_TTL_SECONDS = 60;

  /** Requests per window for one API key (a tenant's setting may lower or raise it). */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_PER_KEY must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_KEY must be a positive integer' })
  RATE_LIMIT_PER_KEY = 300;

  /** Requests per window for all keys of one tenant together. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_PER_TENANT must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_TENANT must be a positive integer' })
  RATE_LIMIT_PER_TENANT = 1200;

  /** Requests per window from one IP address before authentication (public and failed-auth routes). */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_ANONYMOUS must be a positive integer' })
  @Min(1, { message: 'RATE_LIMIT_ANONYMOUS must be a positive integer' })
  RATE_LIMIT_ANONYMOUS = 120;

  /** Largest accepted request body, in bytes. */
  @Type(() => Number)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Max(100 * 1024 * 1024, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Create the `demo` tenant and a demo key on first start (embedded default only). */
  @Transform(toBool)
  @IsBoolean({ message: 'DEMO_TENANT must be true or false' })
  DEMO_TENANT = true;

  @Transform(trimOrUndefined)
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose',
  })
  LOG_LEVEL = 'log';

  /**
   * A sentence-embedding ONNX model and its WordPiece vocabulary (BGE-small in production), both
   * read from disk, never downloaded. Without them the engine runs lexical-only and says so at start.
   */
  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(/^\S+$/, { message: 'EMBEDDING_MODEL_PATH must be a file path without spaces' })
  EMBEDDING_MODEL_PATH?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(/^\S+$/, { message: 'EMBEDDING_VOCAB_PATH must be a file path without spaces' })
  EMBEDDING_VOCAB_PATH?: string;

  /**
   * Language-model providers for libs/model-router (all optional: with no key every request is
   * answered by the local engine). Keys are never logged nor echoed in validation messages.
   */
  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(/^\S+$/, { message: 'ANTHROPIC_API_KEY must be a key without spaces' })
  ANTHROPIC_API_KEY?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(urlPattern(['http', 'https']), { message: 'ANTHROPIC_BASE_URL must be an http:// or https:// URL' })
  ANTHROPIC_BASE_URL?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(/^\S+$/, { message: 'GEMINI_API_KEY must be a key without spaces' })
  GEMINI_API_KEY?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(urlPattern(['http', 'https']), { message: 'GEMINI_BASE_URL must be an http:// or https:// URL' })
  GEMINI_BASE_URL?: string;

  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(/^\S+$/, { message: 'OPENAI_API_KEY must be a key without spaces' })
  OPENAI_API_KEY?: string;

  /** Any OpenAI-compatible endpoint (e.g. https://api.openai.com/v1 or a local gateway). */
  @Transform(trimOrUndefined)
  @IsOptional()
  @Matches(urlPattern(['http', 'https']), { message: 'OPENAI_BASE_URL must be an http:// or https:// URL' })
  OPENAI_BASE_URL?: string;

  /** Local answers below this confidence go to a model (when one is configured). */
  @Type(() => Number)
  @IsNumber({}, { message: 'LLM_CONFIDENCE_THRESHOLD must be a number between 0 and 1' })
  @Min(0, { message: 'LLM_CONFIDENCE_THRESHOLD must be a number between 0 and 1' })
  @Max(1, { message: 'LLM_CONFIDENCE_THRESHOLD must be a number between 0 and 1' })
  LLM_CONFIDENCE_THRESHOLD = 0.6;

  /** Per-tenant monthly model spend cap in USD (unset: the router's default); after it, answers are local. */
  @Type(() => Number)
  @IsOptional()
  @IsNumber({}, { message: 'LLM_MONTHLY_BUDGET_USD must be a number >= 0' })
  @Min(0, { message: 'LLM_MONTHLY_BUDGET_USD must be a number >= 0' })
  LLM_MONTHLY_BUDGET_USD?: number;

  /**
   * BullMQ worker (apps/worker, with REDIS_URL): how long a running job's lock lasts before another
   * worker may take the job over (a worker that died mid-run), in milliseconds. The lock is renewed
   * at half this period while the job runs.
   */
  @Type(() => Number)
  @IsInt({ message: 'QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 3600000' })
  @Min(1000, { message: 'QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 3600000' })
  @Max(3_600_000, { message: 'QUEUE_LOCK_DURATION_MS must be an integer between 1000 and 3600000' })
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** How often a BullMQ worker looks for stalled jobs (lock expired: their worker died), in milliseconds. */
  @Type(() => Number)
  @IsInt({ message: 'QUEUE_STALLED_INTERVAL_MS must be an integer between 500 and 3600000' })
  @Min(500, { message: 'QUEUE_STALLED_INTERVAL_MS must be an integer between 500 and 3600000' })
  @Max(3_600_000, { message: 'QUEUE_STALLED_INTERVAL_MS must be an integer between 500 and 3600000' })
  QUEUE_STALLED_INTERVAL_MS = 30_000;

  /** How many times a stalled job is put back to run again before it is failed. */
  @Type(() => Number)
  @IsInt({ message: 'QUEUE_MAX_STALLED_COUNT must be an integer between 0 and 100' })
  @Min(0, { message: 'QUEUE_MAX_STALLED_COUNT must be an integer between 0 and 100' })
  @Max(100, { message: 'QUEUE_MAX_STALLED_COUNT must be an integer between 0 and 100' })
  QUEUE_MAX_STALLED_COUNT = 1;

  /** Jobs one worker process runs at the same time. */
  @Type(() => Number)
  @IsInt({ message: 'QUEUE_CONCURRENCY must be an integer between 1 and 64' })
  @Min(1, { message: 'QUEUE_CONCURRENCY must be an integer between 1 and 64' })
  @Max(64, { message: 'QUEUE_CONCURRENCY must be an integer between 1 and 64' })
  QUEUE_CONCURRENCY = 2;

  /**
   * Most memory one embedded DuckDB warehouse (one per tenant opened by the API) may use: DuckDB's
   * `memory_limit`, whose own default is 80% of the machine's RAM. Past it, DuckDB evicts cached
   * blocks and spills large joins to disk (`<warehouse>.duckdb.tmp`) instead of growing.
   */
  @Transform(trimOrUndefined)
  @IsString()
  @Matches(SIZE_PATTERN, {
    message: 'DUCKDB_MEMORY_LIMIT must be a size of at least 64MB such as 256MB, 512MiB or 2GB',
  })
  DUCKDB_MEMORY_LIMIT = '256MB';

  /** Worker threads of one embedded DuckDB warehouse (queries of all requests share them). */
  @Type(() => Number)
  @IsInt({ message: 'DUCKDB_THREADS must be an integer between 1 and 64' })
  @Min(1, { message: 'DUCKDB_THREADS must be an integer between 1 and 64' })
  @Max(64, { message: 'DUCKDB_THREADS must be an integer between 1 and 64' })
  DUCKDB_THREADS = 2;

  /** True when the store is the embedded SQLite file (no DATABASE_URL). */
  get embedded(): boolean {
    return this.DATABASE_URL === undefined;
  }
}

/** The names AppConfig reads (anything else in the environment is ignored). */
export const APP_CONFIG_VARIABLES: readonly string[] = [
  'PORT',
  'HOST',
  'SMARTSEG_HOME',
  'DATABASE_URL',
  'REDIS_URL',
  'ADMIN_API_KEY',
  'API_KEY_PEPPER',
  'CORS_ORIGINS',
  'RATE_LIMIT_TTL_SECONDS',
  'RATE_LIMIT_PER_KEY',
  'RATE_LIMIT_PER_TENANT',
  'RATE_LIMIT_ANONYMOUS',
  'BODY_LIMIT_BYTES',
  'DEMO_TENANT',
  'LOG_LEVEL',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'GEMINI_API_KEY',
  'GEMINI_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'LLM_CONFIDENCE_THRESHOLD',
  'LLM_MONTHLY_BUDGET_USD',
  'QUEUE_LOCK_DURATION_MS',
  'QUEUE_STALLED_INTERVAL_MS',
  'QUEUE_MAX_STALLED_COUNT',
  'QUEUE_CONCURRENCY',
  'DUCKDB_MEMORY_LIMIT',
  'DUCKDB_THREADS',
];

function flatten(errors: ValidationError[]): { variable: string; message: string }[] {
  const out: { variable: string; message: string }[] = [];
  for (const e of errors) {
    for (const message of Object.values(e.constraints ?? {})) out.push({ variable: e.property, message });
    if (e.children?.length) out.push(...flatten(e.children));
  }
  return out;
}

/**
 * Reads and validates the configuration. Throws SmartsegError(CONFIG_INVALID) whose message
 * names every bad variable, e.g. "Invalid configuration: PORT must be an integer ...".
 */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const name of APP_CONFIG_VARIABLES) {
    const v = env[name];
    if (v !== undefined && v.trim() !== '') raw[name] = v;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = flatten(validateSync(config, { skipMissingProperties: false }));
  const memory = sizeInBytes(String(config.DUCKDB_MEMORY_LIMIT));
  if (memory !== undefined && memory < MIN_DUCKDB_MEMORY_BYTES) {
    problems.push({
      variable: 'DUCKDB_MEMORY_LIMIT',
      message: 'DUCKDB_MEMORY_LIMIT must be a size of at least 64MB such as 256MB, 512MiB or 2GB',
    });
  }
  if (config.DATABASE_URL !== undefined) {
    if (!config.ADMIN_API_KEY) {
      problems.push({ variable: 'ADMIN_API_KEY', message: 'ADMIN_API_KEY is required when DATABASE_URL is set' });
    }
    if (!config.API_KEY_PEPPER) {
      problems.push({ variable: 'API_KEY_PEPPER', message: 'API_KEY_PEPPER is required when DATABASE_URL is set' });
    }
  }
  if (problems.length > 0) {
    // One message per variable, in the order they were declared.
    const seen = new Set<string>();
    const firstPerVariable = problems.filter((p) => (seen.has(p.variable) ? false : (seen.add(p.variable), true)));
    throw new SmartsegError(
      ErrorCode.ConfigInvalid,
      `Invalid configuration: ${firstPerVariable.map((p) => p.message).join('; ')}`,
      firstPerVariable.map((p) => ({ path: p.variable, message: p.message })),
    );
  }
  config.SMARTSEG_HOME = smartsegHome(config.SMARTSEG_HOME ? { SMARTSEG_HOME: config.SMARTSEG_HOME } : {});
  return config;
}
